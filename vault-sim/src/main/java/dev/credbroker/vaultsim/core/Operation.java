package dev.credbroker.vaultsim.core;

import dev.credbroker.vaultsim.engine.SimRequest;

/** Vault's logical operations as its HTTP layer derives them from the method (handler_logical.go). */
public enum Operation {
    READ, UPDATE, DELETE, LIST;

    /** GET is read unless {@code ?list=true}; PUT and POST are both writes; LIST is its own method. */
    public static Operation of(String method, boolean listQuery) {
        return switch (method) {
            case "GET" -> listQuery ? LIST : READ;
            case "PUT", "POST" -> UPDATE;
            case "DELETE" -> DELETE;
            case "LIST" -> LIST;
            default -> throw new IllegalArgumentException(method);
        };
    }

    public SimRequest.Operation forEngine() {
        return SimRequest.Operation.valueOf(name());
    }
}
