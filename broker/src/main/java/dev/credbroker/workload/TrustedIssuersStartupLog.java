package dev.credbroker.workload;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When the server starts, one INFO line per trusted issuer: name, {@code iss}, audiences, algorithms, where its
 * keys come from, and whether they could be read now ({@code UP (n keys)}, or {@code DOWN (why)} at WARN). A
 * failure does not stop the start: readiness stays DOWN until the keys can be read.
 */
@Singleton
public class TrustedIssuersStartupLog {
    private static final Logger LOG = LoggerFactory.getLogger(TrustedIssuersStartupLog.class);

    private final List<TrustedIssuer> issuers;

    public TrustedIssuersStartupLog(List<TrustedIssuer> issuers) {
        this.issuers = List.copyOf(issuers);
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        LOG.info("{} trusted issuer(s)", issuers.size());
        for (TrustedIssuer issuer : issuers) {
            String status = status(issuer);
            String line = "trusted issuer " + issuer.name() + ": iss=" + issuer.issuer() + " audiences="
                    + new TreeSet<>(issuer.audiences()) + " algorithms="
                    + new TreeSet<>(issuer.algorithms().stream().map(Object::toString).toList()) + " keys from "
                    + issuer.keySource() + ": " + status;
            if (status.startsWith("UP")) {
                LOG.info(line);
            } else {
                LOG.warn(line);
            }
        }
    }

    /** The JWKS status, read through the issuer's own cache (a fetch now, for a remote JWKS). */
    static String status(TrustedIssuer issuer) {
        try {
            int keys = issuer.keys().getKeys().size();
            Optional<String> failure = issuer instanceof RefreshableTrustedIssuer r ? r.lastFetchFailure()
                    : Optional.empty();
            return failure.map(f -> "DOWN (" + f + "; " + keys + " cached keys)").orElse("UP (" + keys + " keys)");
        } catch (RuntimeException e) {
            Throwable cause = e.getCause();
            return "DOWN (" + e.getMessage() + (cause == null ? "" : ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage())) + ")";
        }
    }
}
