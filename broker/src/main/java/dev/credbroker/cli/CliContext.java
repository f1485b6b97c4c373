package dev.credbroker.cli;

import dev.credbroker.Application;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

import java.util.function.Supplier;

/**
 * The broker's application context for the commands that need its beans ({@code mint-token},
 * {@code rotate-keys}), started on the first {@link #get()} and not before: {@code --help}, {@code --version}
 * and the runner's {@code phase} commands never start one, so they touch no database and write no keys.
 */
public final class CliContext implements AutoCloseable {
    private final Supplier<ApplicationContext> starter;
    private final boolean owned;
    private ApplicationContext context;

    private CliContext(Supplier<ApplicationContext> starter, boolean owned) {
        this.starter = starter;
        this.owned = owned;
    }

    /** The {@code cli} environment's context (no HTTP server, no scheduled jobs), started when first needed. */
    public static CliContext lazy() {
        return new CliContext(() -> ApplicationContext.builder(Application.class, Environment.CLI).start(), true);
    }

    /** A context someone else started and closes (tests). */
    public static CliContext of(ApplicationContext context) {
        return new CliContext(() -> context, false);
    }

    /** A context made by {@code starter} when first needed, closed by {@link #close()}. */
    public static CliContext startedBy(Supplier<ApplicationContext> starter) {
        return new CliContext(starter, true);
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

    @Override
    public synchronized void close() {
        if (owned && context != null) {
            context.close();
        }
    }
}
