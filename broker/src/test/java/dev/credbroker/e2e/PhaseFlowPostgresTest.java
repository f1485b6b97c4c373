package dev.credbroker.e2e;

import java.util.Map;

/** The same end-to-end flow on a real PostgreSQL, as several broker instances would share it. */
class PhaseFlowPostgresTest extends PhaseFlowTest {
    @Override
    protected Map<String, Object> extraProperties() {
        return SharedDatabase.postgres("phase_flow");
    }
}
