package dev.credbroker.cli;

import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.runtime.ContextCommand;
import dev.credbroker.cli.runtime.ExitCodes;
import dev.credbroker.issuer.KeyRing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code credbroker rotate-keys}: rotates the issuer keys in the key directory (NEXT signs from now on,
 * ACTIVE retires, a new NEXT is published). A running broker notices the change on its next use of the keys.
 */
@Command(name = "rotate-keys", mixinStandardHelpOptions = true,
        description = "Rotate the broker's issuer signing keys in the key directory.")
public class RotateKeysCommand implements Callable<Integer>, ContextCommand {

    @Spec
    CommandSpec spec;

    private CliContext context;

    @Option(names = "--if-due", description = "rotate only if the active key is older than broker.issuer.rotation-period")
    boolean ifDue;

    @Override
    public void useContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<KeyRing> ring = context.get().findBean(KeyRing.class);
        if (ring.isEmpty()) {
            spec.commandLine().getErr().println("credbroker: the broker's issuer is disabled (broker.issuer.enabled=false)");
            return ExitCodes.FAILURE;
        }
        Optional<KeyRing.Rotation> rotation = ifDue ? ring.get().rotateIfDue() : Optional.of(ring.get().rotate());
        if (rotation.isEmpty()) {
            spec.commandLine().getOut().println("not due: active kid=" + ring.get().activeKey().kid());
        } else {
            KeyRing.Rotation r = rotation.get();
            spec.commandLine().getOut().println("active kid=" + r.activeKid() + " next kid=" + r.nextKid()
                    + " retired kid=" + r.retiredKid());
        }
        return 0;
    }
}
