package dev.credbroker.variables;

/** {@code TFC_VAULT_BACKED_AZURE_*[_TAG]} → {@link AzurePlan}. Azure has no auth type. */
final class AzurePlanReader {
    private AzurePlanReader() {
    }

    static AzurePlan read(BackedConfig config) {
        String mount = config.mountPath(AzurePlan.DEFAULT_MOUNT_PATH);
        String role = config.phasedSegment("VAULT_ROLE", "");
        var sleep = config.sleep();
        VaultConfig vault = config.vaultConfig("AUTH");
        return new AzurePlan(config.vars().tag(), vault, mount, role, sleep);
    }
}
