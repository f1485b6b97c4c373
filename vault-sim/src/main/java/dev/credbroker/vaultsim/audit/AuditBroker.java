package dev.credbroker.vaultsim.audit;

import dev.credbroker.vaultsim.VaultError;
import dev.credbroker.vaultsim.core.Request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enabled audit devices plus {@code sys/config/auditing/request-headers}: which request headers each
 * entry carries, HMAC'd unless configured with {@code hmac = false}. Header names are lower-cased, as
 * Vault writes them.
 */
public final class AuditBroker {
    private final Map<String, FileAuditDevice> devices = new ConcurrentHashMap<>();
    private final Map<String, Boolean> headers = new ConcurrentHashMap<>();

    public void enable(String name, FileAuditDevice device) {
        if (devices.putIfAbsent(name, device) != null) {
            throw VaultError.badRequest("path already in use");
        }
    }

    public void disable(String name) {
        devices.remove(name);
    }

    public Map<String, FileAuditDevice> devices() {
        return devices;
    }

    public FileAuditDevice device(String name) {
        FileAuditDevice device = devices.get(name);
        if (device == null) {
            throw VaultError.badRequest("unknown audit backend " + name);
        }
        return device;
    }

    public void auditHeader(String name, boolean hmac) {
        headers.put(name.toLowerCase(Locale.ROOT), hmac);
    }

    public Map<String, Object> auditedHeaders() {
        Map<String, Object> out = new LinkedHashMap<>();
        headers.forEach((name, hmac) -> out.put(name, Map.of("hmac", hmac)));
        return out;
    }

    public void request(AuditRecordFactory records) {
        devices.values().forEach(d -> d.logRequest(records.forDevice(d, this)));
    }

    public void response(AuditRecordFactory records) {
        devices.values().forEach(d -> d.logResponse(records.forDevice(d, this)));
    }

    Map<String, List<String>> headersFor(Request request, FileAuditDevice device) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            Boolean hmac = headers.get(name.toLowerCase(Locale.ROOT));
            if (hmac != null) {
                out.put(name.toLowerCase(Locale.ROOT), FileAuditDevice.headerValues(device.hmac(), values, hmac));
            }
        });
        return out;
    }

    /** Builds the record for one device, whose salt the audited headers need. */
    public interface AuditRecordFactory {
        AuditRecord forDevice(FileAuditDevice device, AuditBroker broker);

        static AuditRecordFactory of(Request request, dev.credbroker.vaultsim.token.Token token, String mountType,
                                     dev.credbroker.vaultsim.core.Response response, String error) {
            return (device, broker) -> new AuditRecord(request, token, mountType, response, error,
                    broker.headersFor(request, device));
        }
    }
}
