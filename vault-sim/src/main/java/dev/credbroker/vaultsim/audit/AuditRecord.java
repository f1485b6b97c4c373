package dev.credbroker.vaultsim.audit;

import dev.credbroker.vaultsim.core.Request;
import dev.credbroker.vaultsim.core.Response;
import dev.credbroker.vaultsim.token.Token;

import java.util.List;
import java.util.Map;

/**
 * Everything one audit entry may draw from. {@code token} is null for unauthenticated calls; {@code mountType}
 * names the backend that served the path.
 */
public record AuditRecord(Request request, Token token, String mountType, Response response, String error,
                          Map<String, List<String>> auditedHeaders) {
}
