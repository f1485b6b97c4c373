package dev.credbroker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every field {@code POST /v1/issuer/tokens} takes is in the README's table of them, so orchestrators can find it. */
class MintTokenBodyDocumentedTest {

    @Test
    void everyBodyFieldIsInTheReadme() throws Exception {
        String readme = Files.readString(readme());
        int table = readme.indexOf("POST /v1/issuer/tokens` (`Authorization: Bearer`");
        assertTrue(table >= 0, "the README describes the mint request");
        String section = readme.substring(table, readme.indexOf("\n\n", readme.indexOf("| Field |", table)));
        for (RecordComponent component : MintTokenBody.class.getRecordComponents()) {
            String wire = component.getAccessor().getAnnotation(JsonProperty.class) != null
                    ? component.getAccessor().getAnnotation(JsonProperty.class).value()
                    : component.getAnnotation(JsonProperty.class) != null
                    ? component.getAnnotation(JsonProperty.class).value() : component.getName();
            assertTrue(section.contains("`" + wire + "`"), wire + " is not in the README's mint request table");
        }
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("broker"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    }
}
