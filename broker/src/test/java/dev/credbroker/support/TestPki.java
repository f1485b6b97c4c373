package dev.credbroker.support;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A private CA and a server certificate it signed for 127.0.0.1 and localhost, made with the JDK's keytool (no
 * library in the project can sign certificates): what an operator's Vault (or broker) behind a private CA looks
 * like. {@link #withClients()} adds a runner's client certificate the CA signed and a stranger's it did not.
 */
public final class TestPki {
    private static final String PASSWORD = "test-pki";

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    public static TestPki create(Path dir) {
        TestPki pki = new TestPki(dir);
        pki.keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=credbroker test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12");
        pki.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        pki.keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", "server.p12", "-storetype", "PKCS12");
        pki.keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        pki.keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr",
                "-outfile", "server.pem", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2");
        pki.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "server.p12");
        pki.keytool("-importcert", "-alias", "server", "-file", "server.pem", "-keystore", "server.p12");
        return pki;
    }

    /** Adds {@code runner} (signed by the CA, for client authentication) and {@code stranger} (self-signed). */
    public TestPki withClients() {
        keytool("-genkeypair", "-alias", "runner", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=runner",
                "-validity", "2", "-keystore", "runner.p12", "-storetype", "PKCS12");
        keytool("-certreq", "-alias", "runner", "-keystore", "runner.p12", "-file", "runner.csr");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "runner.csr",
                "-outfile", "runner.pem", "-ext", "eku=clientAuth", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "runner.p12");
        keytool("-importcert", "-alias", "runner", "-file", "runner.pem", "-keystore", "runner.p12");
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=runner",
                "-validity", "2", "-keystore", "stranger.p12", "-storetype", "PKCS12");
        return this;
    }

    /** The server's certificate chain, PEM, leaf first: what an operator puts in {@code BROKER_TLS_CERT_FILE}. */
    public Path serverChainPem() {
        Path chain = dir.resolve("server-chain.pem");
        try {
            Files.writeString(chain, Files.readString(dir.resolve("server.pem")).strip() + "\n" + Files.readString(caPem()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chain;
    }

    /** The server's private key, unencrypted PKCS#8 PEM (keytool can't export one, so it is read from the store). */
    public Path serverKeyPem() {
        Path pem = dir.resolve("server-key.pem");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            Key key = store.getKey("server", PASSWORD.toCharArray());
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
            return pem;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For a runner: trusts this CA and presents the client certificate in {@code runner} or {@code stranger}
     * whatever the server asks for (the JDK's own choice would withhold a certificate from issuers the server
     * did not name, and the server would never see the stranger's).
     */
    public SSLContext clientContext(String identity) {
        try (InputStream in = Files.newInputStream(dir.resolve(identity + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new Presenting((X509KeyManager) keys.getKeyManagers()[0], identity)},
                    trustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA's certificate, PEM: what an operator puts in {@code ca-cert-file}. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** For the server: its key and the chain up to the CA. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For a client: trusts this CA and nothing else. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private TrustManager[] trustManagers() {
        try (InputStream in = Files.newInputStream(caPem())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            store.setCertificateEntry("ca", certificates.get(0));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Always offers {@code alias} as the client certificate. */
    private static final class Presenting extends X509ExtendedKeyManager {
        private final X509KeyManager keys;
        private final String alias;

        Presenting(X509KeyManager keys, String alias) {
            this.keys = keys;
            this.alias = alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String name) {
            return keys.getCertificateChain(name);
        }

        @Override
        public PrivateKey getPrivateKey(String name) {
            return keys.getPrivateKey(name);
        }
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
