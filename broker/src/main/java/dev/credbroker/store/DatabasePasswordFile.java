package dev.credbroker.store;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Gives the broker's datasource the password from {@code BROKER_DB_PASSWORD_FILE} ({@link DatabasePassword}) once
 * its configuration is bound and before the pool is built from it. The command line's own datasource is in
 * memory and needs none.
 */
@Singleton
@Requires(notEnv = Environment.CLI)
final class DatabasePasswordFile implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final String file;

    DatabasePasswordFile(@Nullable @Value("${" + DatabasePassword.FILE_PROPERTY + ":}") String file) {
        this.file = file;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if (file != null && !file.isBlank() && "default".equals(config.getName())) {
            config.setPassword(DatabasePassword.resolve(config.getConfiguredPassword(), file));
        }
        return config;
    }
}
