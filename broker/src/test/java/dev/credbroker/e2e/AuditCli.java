package dev.credbroker.e2e;

import dev.credbroker.cli.CredbrokerCommand;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code credbroker audit …} as an operator runs it beside a broker: a command-line context of its own, pointed
 * at the broker's database through the same keys the server reads ({@code BROKER_DB_URL}, …).
 */
final class AuditCli {
    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private AuditCli() {
    }

    static Result run(BrokerHarness broker, String... args) {
        var env = broker.context.getEnvironment();
        Map<String, Object> db = Map.of(
                "broker.db.url", env.getProperty("datasources.default.url", String.class).orElseThrow(),
                "broker.db.user", env.getProperty("datasources.default.username", String.class).orElse(""),
                "broker.db.password", env.getProperty("datasources.default.password", String.class).orElse(""));
        List<String> all = new ArrayList<>(List.of("audit"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (ApplicationContext cli = ApplicationContext.run(db, Environment.CLI, Environment.TEST)) {
            int code = CredbrokerCommand.execute(cli, new PrintWriter(out, true), new PrintWriter(err, true),
                    all.toArray(String[]::new));
            return new Result(code, out.toString(), err.toString());
        }
    }
}
