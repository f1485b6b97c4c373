package dev.credbroker.cli.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The broker's application context for the commands that need its beans ({@code mint-token},
 * {@code rotate-keys}, {@code audit}), started on the first {@link #get()} and not before: {@code --help},
 * {@code --version} and the runner's {@code phase} commands never start one, so they touch no database and write
 * no keys.
 */
public final class CliContext implements AutoCloseable {
    private final Supplier<ApplicationContext> starter;
    private final boolean owned;
    private final Class<?> entryPoint;
    private ApplicationContext context;

    private CliContext(Supplier<ApplicationContext> starter, boolean owned, Class<?> entryPoint) {
        this.starter = starter;
        this.owned = owned;
        this.entryPoint = entryPoint;
    }

    /**
     * The {@code cli} environment's context (no HTTP server, no scheduled jobs) of the application whose main class
     * is {@code entryPoint}, started when first needed. The main class is handed in, not named here, so that
     * this package stays below the one holding it.
     */
    public static CliContext lazy(Class<?> entryPoint) {
        return new CliContext(() -> ApplicationContext.builder(entryPoint, Environment.CLI).start(), true, entryPoint);
    }

    /** A context someone else started and closes (tests), with no main class to start the CLI again. */
    public static CliContext of(ApplicationContext context) {
        return new CliContext(() -> context, false, null);
    }

    /** As {@link #of(ApplicationContext)}, run as if from {@code entryPoint}'s main. */
    public static CliContext of(ApplicationContext context, Class<?> entryPoint) {
        return new CliContext(() -> context, false, entryPoint);
    }

    /** A context made by {@code starter} when first needed, closed by {@link #close()}. */
    public static CliContext startedBy(Supplier<ApplicationContext> starter) {
        return new CliContext(starter, true, null);
    }

    /** The context, started now if it was not yet. */
    public synchronized ApplicationContext get() {
        if (context == null) {
            context = starter.get();
        }
        return context;
    }

    /** Whether {@link #get()} was ever called. */
    public synchronized boolean started() {
        return context != null;
    }

    /**
     * The class whose {@code main} runs this command line, for a command that writes down how to start it again
     * ({@code phase open}'s {@code credential_process}); empty where commands run in-process without one. Reading it
     * starts nothing.
     */
    public Optional<Class<?>> entryPoint() {
        return Optional.ofNullable(entryPoint);
    }

    @Override
    public synchronized void close() {
        if (owned && context != null) {
            context.close();
        }
    }
}
