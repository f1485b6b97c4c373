package dev.credbroker.workload;

import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Factory;

import java.time.Clock;

/** One {@link ConfiguredTrustedIssuer} bean per {@code broker.workload.trusted-issuers.<name>}. */
@Factory
public class TrustedIssuerFactory {

    @EachBean(TrustedIssuerConfiguration.class)
    ConfiguredTrustedIssuer trustedIssuer(TrustedIssuerConfiguration config, Clock clock) {
        return new ConfiguredTrustedIssuer(config, clock);
    }
}
