package dev.credbroker.vaultsim.policy;

import dev.credbroker.vaultsim.VaultError;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Vault's HCL policy language that ACL policies use: {@code path "p" { capabilities = [..] }}
 * blocks and comments. Anything else in a block (parameters, wrapping TTLs) is refused rather than ignored,
 * so a test never believes a restriction holds that the sim does not enforce.
 */
public final class PolicyParser {
    private static final Pattern BLOCK = Pattern.compile("path\\s+\"([^\"]*)\"\\s*\\{([^}]*)}", Pattern.DOTALL);
    private static final Pattern CAPS = Pattern.compile("^\\s*capabilities\\s*=\\s*\\[([^\\]]*)]\\s*$", Pattern.DOTALL);

    private PolicyParser() {
    }

    public static List<PathRule> parse(String hcl) {
        String text = hcl.replaceAll("(?m)(#|//).*$", "");
        Matcher block = BLOCK.matcher(text);
        List<PathRule> rules = new ArrayList<>();
        int end = 0;
        while (block.find()) {
            if (!text.substring(end, block.start()).isBlank()) {
                throw unparsable();
            }
            Matcher caps = CAPS.matcher(block.group(2));
            if (!caps.matches()) {
                throw unparsable();
            }
            Set<Capability> granted = EnumSet.noneOf(Capability.class);
            for (String item : caps.group(1).split(",")) {
                String name = item.trim().replace("\"", "");
                if (!name.isEmpty()) {
                    granted.add(Capability.parse(name));
                }
            }
            String pattern = block.group(1).startsWith("/") ? block.group(1).substring(1) : block.group(1);
            rules.add(new PathRule(pattern, granted));
            end = block.end();
        }
        if (!text.substring(end).isBlank()) {
            throw unparsable();
        }
        return rules;
    }

    private static VaultError unparsable() {
        return VaultError.badRequest("failed to parse policy: only path blocks with capabilities are supported");
    }
}
