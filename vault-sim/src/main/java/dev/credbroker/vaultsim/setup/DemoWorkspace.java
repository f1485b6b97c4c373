package dev.credbroker.vaultsim.setup;

/** The organization, project and workspace the demo run belongs to. */
public record DemoWorkspace(String organization, String project, String workspace) {
    public static final DemoWorkspace DEFAULT = new DemoWorkspace("acme", "Default Project", "networking-prod");

    /** HCP's {@code sub} for a workspace run phase. */
    public String subjectFor(String phase) {
        return "organization:" + organization + ":project:" + project + ":workspace:" + workspace
                + ":run_phase:" + phase;
    }
}
