package dev.credbroker.demo;

import dev.credbroker.cli.BuildVersion;
import dev.credbroker.cli.runtime.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code dev}: the demo's broker and vault-sim left running for the server jar's own commands ({@link DevRun}). */
@Command(name = "dev", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start vault-sim and the broker (H2, its own issuer), configure Vault for it, and print the "
                + "server jar's commands that mint a token and open and close a phase against them.",
                "Runs until Ctrl-C."})
public class DevCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "the broker's port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--vault-port", defaultValue = "8200", description = "vault-sim's port (default: ${DEFAULT-VALUE})")
    int vaultPort;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "H2 database, issuer keys, Vault audit log, phase files (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--server-jar", paramLabel = "JAR",
            description = "the server's jar, as the printed commands name it "
                    + "(default: broker/target/broker-VERSION.jar)")
    String serverJar;

    @Override
    public Integer call() throws Exception {
        String jar = serverJar != null ? serverJar : "broker/target/broker-" + BuildVersion.version() + ".jar";
        DevRun dev;
        try {
            dev = DevRun.start(spec.commandLine().getOut(), dataDir, port, vaultPort, jar);
        } catch (RuntimeException e) {
            if (!causedByBind(e)) {
                throw e;
            }
            spec.commandLine().getErr().println("credbroker: dev: port " + port + " (--port) or " + vaultPort
                    + " (--vault-port) is in use");
            return ExitCodes.FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dev.close();
            } catch (Exception e) {
                // the JVM is going away; nothing is left to tell
            }
        }, "dev-shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
