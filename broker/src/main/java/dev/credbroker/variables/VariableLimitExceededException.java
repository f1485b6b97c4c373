package dev.credbroker.variables;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

import java.util.Map;

/** A request over one of {@link VariableLimits}: 400, naming the limit, its value and the setting that raises it. */
public class VariableLimitExceededException extends BrokerException {
    private final String code;
    private final String setting;
    private final int limit;

    VariableLimitExceededException(String code, String what, int limit, String setting) {
        super(ErrorKind.BAD_REQUEST, "at most " + limit + " " + what + " (" + setting + ")");
        this.code = code;
        this.setting = setting;
        this.limit = limit;
    }

    static VariableLimitExceededException configurations(int limit) {
        return new VariableLimitExceededException("too-many-configurations", "enabled configurations per phase",
                limit, VariableLimits.PREFIX + ".max-configurations");
    }

    static VariableLimitExceededException variables(int limit) {
        return new VariableLimitExceededException("too-many-variables", "variables per request", limit,
                VariableLimits.PREFIX + ".max-variables");
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("limit", limit, "setting", setting);
    }
}
