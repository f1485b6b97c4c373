package dev.credbroker.listener;

import io.micronaut.http.ssl.ClientAuthentication;

/**
 * {@code broker.tls.client-auth}: what the listener asks of a runner once a client CA is configured.
 * {@code NEED} refuses the handshake without a certificate the CA signed; {@code WANT} asks for one but lets a
 * runner without a certificate through (a certificate that is presented must still chain to the CA).
 */
public enum ClientAuthMode {
    NEED(ClientAuthentication.NEED),
    WANT(ClientAuthentication.WANT);

    private final ClientAuthentication micronaut;

    ClientAuthMode(ClientAuthentication micronaut) {
        this.micronaut = micronaut;
    }

    ClientAuthentication micronaut() {
        return micronaut;
    }
}
