package dev.credbroker.variables;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

import java.util.Map;

/** A workspace variable that is unknown, missing, malformed or contradicts another. Names it; never quotes a value. */
public class InvalidVariableException extends BrokerException {
    private final String variable;

    public InvalidVariableException(String variable, String reason) {
        super(ErrorKind.BAD_REQUEST, variable + ": " + reason);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }

    @Override
    public String code() {
        return "invalid-variable";
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("variable", variable);
    }
}
