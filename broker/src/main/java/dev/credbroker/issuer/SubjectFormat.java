package dev.credbroker.issuer;

import java.util.Optional;

/** The shape of {@code sub} and {@code terraform_full_workspace}. */
public enum SubjectFormat {
    /** HCP Terraform / TFE: {@code organization:O:project:P:workspace:W:run_phase:X}. */
    HCP("hcp"),
    /** OTF, which has no projects: {@code organization:O:workspace:W:run_phase:X}. */
    OTF("otf");

    private final String value;

    SubjectFormat(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<SubjectFormat> of(String value) {
        for (SubjectFormat f : values()) {
            if (f.value.equals(value)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
