package dev.credbroker.phase;

import dev.credbroker.audit.BrokerInstance;
import jakarta.inject.Singleton;

/** The audit trail names this broker as its revocation claims do: one id, one chain per process or configured id. */
@Singleton
class PhaseInstance implements BrokerInstance {
    private final PhaseSettings settings;

    PhaseInstance(PhaseSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return settings.instanceId();
    }
}
