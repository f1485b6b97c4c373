package dev.credbroker.variables;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code broker.variables.*}: how much one open may ask for. Each configuration is a Vault read and a live lease,
 * so without a cap one token could have the broker mint hundreds of credentials in one request.
 */
@ConfigurationProperties(VariableLimits.PREFIX)
public class VariableLimits {
    public static final String PREFIX = "broker.variables";
    /** A workspace with more than a handful of tagged configurations per phase is unusual; 16 leaves room. */
    public static final int DEFAULT_MAX_CONFIGURATIONS = 16;
    /** Every variable a workspace has is sent, not only the broker's, so this is generous. */
    public static final int DEFAULT_MAX_VARIABLES = 500;

    private int maxConfigurations = DEFAULT_MAX_CONFIGURATIONS;
    private int maxVariables = DEFAULT_MAX_VARIABLES;

    /** Enabled configurations (default and tagged, of every provider) one phase may open. */
    public int getMaxConfigurations() {
        return maxConfigurations;
    }

    public void setMaxConfigurations(int maxConfigurations) {
        if (maxConfigurations < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-configurations must be at least 1");
        }
        this.maxConfigurations = maxConfigurations;
    }

    /** Variables one {@code POST /v1/phases} may carry, the broker's families and others together. */
    public int getMaxVariables() {
        return maxVariables;
    }

    public void setMaxVariables(int maxVariables) {
        if (maxVariables < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-variables must be at least 1");
        }
        this.maxVariables = maxVariables;
    }
}
