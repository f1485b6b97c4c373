package dev.credbroker.variables;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * {@code broker.variables.*}: how much one open may ask for. Each configuration is a Vault read and a live lease,
 * so without a cap one token could have the broker mint hundreds of credentials in one request. A value under 1
 * stops the broker at startup, naming the key.
 *
 * @param maxConfigurations enabled configurations (default and tagged, of every provider) one phase may open; a
 *                          workspace with more than a handful of tagged configurations per phase is unusual, 16
 *                          leaves room
 * @param maxVariables      variables one {@code POST /v1/phases} may carry, the broker's families and others
 *                          together; every variable a workspace has is sent, so this is generous
 */
@ConfigurationProperties(VariableLimits.PREFIX)
public record VariableLimits(
        @Bindable(defaultValue = VariableLimits.DEFAULT_MAX_CONFIGURATIONS)
        @Min(value = 1, message = VariableLimits.PREFIX + ".max-configurations must be at least 1")
        int maxConfigurations,
        @Bindable(defaultValue = VariableLimits.DEFAULT_MAX_VARIABLES)
        @Min(value = 1, message = VariableLimits.PREFIX + ".max-variables must be at least 1")
        int maxVariables) {
    public static final String PREFIX = "broker.variables";
    static final String DEFAULT_MAX_CONFIGURATIONS = "16";
    static final String DEFAULT_MAX_VARIABLES = "500";
    /** What the broker runs with when nothing is configured. */
    public static final VariableLimits DEFAULTS = new VariableLimits(Integer.parseInt(DEFAULT_MAX_CONFIGURATIONS),
            Integer.parseInt(DEFAULT_MAX_VARIABLES));
}
