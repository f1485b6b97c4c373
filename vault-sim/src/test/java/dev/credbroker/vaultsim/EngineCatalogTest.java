package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.engine.SecretsEngine;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** {@code sys/mounts} enables an engine by type: each type must build an engine of that type, a new one per mount. */
class EngineCatalogTest {

    @Test
    void eachTypeShouldBuildAFreshEngineAnsweringToThatType() {
        Map<String, Supplier<SecretsEngine>> catalog = EngineCatalog.builtIn();
        assertEquals(Set.of("aws", "azure", "gcp"), catalog.keySet());
        catalog.forEach((type, engine) -> {
            SecretsEngine first = engine.get();
            assertEquals(type, first.type(), "the engine mounted as " + type);
            assertNotSame(first, engine.get(), "two mounts of " + type + " share no state");
        });
    }
}
