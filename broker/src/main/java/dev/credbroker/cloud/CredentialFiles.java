package dev.credbroker.cloud;

import java.util.regex.Pattern;

/**
 * Names of the files handed to a run, relative to its working directory: {@code <prefix>_<suffix>} for the
 * default configuration, {@code <prefix>_<TAG>_<suffix>} for a tagged one, e.g.
 * {@code vault_backed_aws_PROD_credentials}.
 */
public final class CredentialFiles {
    /** Tags are validated by the resolver; checked again because they become file names. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_]{0,64}");

    private CredentialFiles() {
    }

    public static String name(String prefix, String tag, String suffix) {
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid configuration tag");
        }
        return prefix + (tag.isEmpty() ? "" : "_" + tag) + "_" + suffix;
    }
}
