package dev.credbroker.cli.runtime;

/** A command that needs the broker's beans: it is handed the {@link CliContext} and starts it only when it runs. */
public interface ContextCommand {
    void useContext(CliContext context);
}
