package dev.credbroker.vaultsim.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Vault answers: {@code body} is the full JSON envelope ({@code request_id}, {@code lease_id},
 * {@code data}, {@code auth}, …), or null for 204 No Content.
 */
public record Response(int status, Map<String, Object> body) {

    public static Response noContent() {
        return new Response(204, null);
    }

    public static Response data(String requestId, Map<String, Object> data) {
        return envelope(requestId, "", 0, false, data, null);
    }

    public static Response auth(String requestId, Map<String, Object> auth) {
        return envelope(requestId, "", 0, false, null, auth);
    }

    /** A handler's answer with nothing but warnings: 200 with the envelope, not 204 (logical.Response.IsError false). */
    public static Response warnings(String requestId, List<String> warnings) {
        Response response = envelope(requestId, "", 0, false, null, null);
        response.body().put("warnings", List.copyOf(warnings));
        return response;
    }

    public static Response envelope(String requestId, String leaseId, long leaseDuration, boolean renewable,
                                    Map<String, Object> data, Map<String, Object> auth) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId);
        body.put("lease_id", leaseId);
        body.put("renewable", renewable);
        body.put("lease_duration", leaseDuration);
        body.put("data", data);
        body.put("wrap_info", null);
        body.put("warnings", null);
        body.put("auth", auth);
        return new Response(200, body);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        return body == null ? null : (Map<String, Object>) body.get(name);
    }
}
