package dev.credbroker.issuer;

import dev.credbroker.error.BrokerException;
import dev.credbroker.error.ErrorKind;

import java.util.Map;

/** A mint request with a missing or malformed field. Names the field by its wire name; never quotes a value. */
public class InvalidMintRequestException extends BrokerException {
    private final String field;

    public InvalidMintRequestException(String field, String reason) {
        super(ErrorKind.BAD_REQUEST, field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String code() {
        return "invalid-mint-request";
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("field", field);
    }
}
