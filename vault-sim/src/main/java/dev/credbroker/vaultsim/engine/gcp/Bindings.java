package dev.credbroker.vaultsim.engine.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a roleset's {@code bindings}: the HCL form Vault documents ({@code resource "<uri>" { roles = [...] }},
 * repeated), its JSON equivalent ({@code {"resource": {"<uri>": {"roles": [...]}}}}), or either base64-encoded.
 * Only this subset of HCL is understood, which is all the bindings format uses.
 */
final class Bindings {

    private static final Pattern BLOCK = Pattern.compile(
            "resource\\s+\"([^\"]+)\"\\s*\\{\\s*roles\\s*=\\s*\\[([^\\]]*)\\]\\s*,?\\s*\\}");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern COMMENT = Pattern.compile("(?m)(#|//)[^\\n\"]*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bindings() {
    }

    /**
     * @return resource URI to its roles, in the given order
     * @throws IllegalArgumentException with the reason, which callers prefix as Vault does
     */
    static Map<String, List<String>> parse(String raw) {
        String text = raw.trim();
        if (!text.contains("resource")) {
            try {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8).trim();
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("bindings are neither HCL, JSON nor base64");
            }
        }
        return text.startsWith("{") ? parseJson(text) : parseHcl(text);
    }

    private static Map<String, List<String>> parseHcl(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(text);
        StringBuilder rest = new StringBuilder();
        int at = 0;
        while (m.find()) {
            rest.append(text, at, m.start());
            at = m.end();
            List<String> roles = new ArrayList<>();
            Matcher q = QUOTED.matcher(m.group(2));
            while (q.find()) {
                roles.add(q.group(1));
            }
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("resource \"" + m.group(1) + "\" has no roles");
            }
            out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(roles);
        }
        rest.append(text.substring(at));
        if (!COMMENT.matcher(rest).replaceAll("").isBlank()) {
            throw new IllegalArgumentException("unexpected content: " + rest.toString().trim());
        }
        return out;
    }

    private static Map<String, List<String>> parseJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        JsonNode resources = root.path("resource");
        if (!resources.isObject()) {
            throw new IllegalArgumentException("expected a \"resource\" object");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode roles = e.getValue().path("roles");
            if (!roles.isArray() || roles.isEmpty()) {
                throw new IllegalArgumentException("resource \"" + e.getKey() + "\" has no roles");
            }
            List<String> list = new ArrayList<>();
            roles.forEach(r -> list.add(r.asText()));
            out.put(e.getKey(), list);
        }
        return out;
    }
}
