package dev.credbroker.e2e;

import dev.credbroker.support.TransactionCounter;

import java.util.Map;

/**
 * The same hostile requests against a broker on a real PostgreSQL, where a NUL byte or an over-long value that
 * reached a query would fail as a database error (503) instead of the 401 or 404 it is.
 */
class HostileInputPostgresTest extends HostileInputTest {
    @Override
    protected Map<String, Object> database() {
        Map<String, Object> pg = SharedDatabase.postgres("hostile_input");
        return Map.of("datasources.default.url",
                TransactionCounter.PREFIX + ((String) pg.get("datasources.default.url")).substring("jdbc:".length()),
                "datasources.default.driver-class-name", TransactionCounter.class.getName(),
                "datasources.default.username", pg.get("datasources.default.username"),
                "datasources.default.password", pg.get("datasources.default.password"));
    }
}
