package dev.credbroker.audit.correlate;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * One line of a Vault file audit device, reduced to what correlation needs. Accessors are as the device wrote
 * them: HMAC'd ({@code hmac-sha256:…}) unless the device was configured with {@code hmac_accessor=false}.
 *
 * @param accessor    the accessor of the token that made the request, if any
 * @param runIds      values of the {@code X-Credbroker-Run-Id} header (audited in clear)
 * @param newAccessor on a login's response, the accessor of the token Vault just issued
 * @param line        1-based line number in the file
 */
public record VaultAuditEntry(Instant time, String type, String operation, String path, @Nullable String accessor,
                              List<String> runIds, @Nullable String newAccessor, int line) {
}
