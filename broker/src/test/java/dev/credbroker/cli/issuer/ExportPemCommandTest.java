package dev.credbroker.cli.issuer;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.credbroker.cli.runtime.CliContext;
import dev.credbroker.cli.CredbrokerCommand;
import dev.credbroker.issuer.KeyRing;
import dev.credbroker.issuer.MintRequest;
import dev.credbroker.issuer.TokenMinter;
import dev.credbroker.support.SimJwtAuth;
import dev.credbroker.vaultsim.VaultSim;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code credbroker issuer export-pem} against a running broker's issuer: what it prints are the JWKS's keys as
 * public PEM, and a Vault given only those PEMs ({@code jwt_validation_pubkeys}, vault-sim's JWT auth) accepts the
 * broker's tokens. The command itself runs without an application context.
 */
class ExportPemCommandTest {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\n([A-Za-z0-9+/=\\n]+)\\n-----END \\1-----\\n");
    private static final String ISSUER = "https://issuer.test";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path keys;
    EmbeddedServer server;

    @BeforeEach
    void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "broker.issuer.url", ISSUER, "broker.issuer.key-dir", keys.toString(),
                "broker.issuer.rotation-enabled", false), Environment.TEST);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void printsEveryPublishedKeyAsPublicPemMatchingTheJwksKids() throws Exception {
        ring().rotate(); // active, next and a retired key
        Set<String> published = jwksKids();
        assertEquals(3, published.size());

        assertEquals(0, run("issuer", "export-pem", "--key-dir", keys.toString()), err.toString());
        String pem = out.toString(StandardCharsets.UTF_8);
        assertEquals(published, kidsOf(pem));
        assertFalse(pem.contains("PRIVATE"), "public keys only");
        assertEquals("", err.toString(StandardCharsets.UTF_8));

        assertEquals(0, run("issuer", "export-pem", "--jwks-url", server.getURL() + "/.well-known/jwks"),
                err.toString());
        assertEquals(published, kidsOf(out.toString(StandardCharsets.UTF_8)), "the same keys from the JWKS URL");
    }

    @Test
    void vaultGivenOnlyTheExportedPemsAcceptsTheBrokersTokens() throws Exception {
        assertEquals(0, run("issuer", "export-pem", "--key-dir", keys.toString()), err.toString());
        List<String> pems = blocks(out.toString(StandardCharsets.UTF_8));
        try (VaultSim sim = VaultSim.start()) {
            SimJwtAuth vault = new SimJwtAuth(sim);
            vault.enable(Map.of("jwt_validation_pubkeys", pems, "bound_issuer", ISSUER));

            assertEquals(200, vault.login(mint()));
            ring().rotate();
            String signedByTheExportedNextKey = mint();
            assertEquals(200, vault.login(signedByTheExportedNextKey), "the next key was exported before it signed");
            ring().rotate();
            String signedByANewerKey = mint();
            assertNotEquals(SimJwtAuth.kid(signedByTheExportedNextKey), SimJwtAuth.kid(signedByANewerKey));
            assertNotEquals(200, vault.login(signedByANewerKey), "a key Vault was never given");
        }
    }

    @Test
    void aKeyDirectoryThatIsNoneIsOneLineAndExit2AndCreatesNothing() throws Exception {
        Path missing = keys.resolve("no-such-dir");
        assertEquals(2, run("issuer", "export-pem", "--key-dir", missing.toString()));
        assertOneLine("--key-dir");
        assertFalse(Files.exists(missing), "nothing created");

        Path empty = Files.createDirectory(keys.resolve("empty"));
        assertEquals(2, run("issuer", "export-pem", "--key-dir", empty.toString()));
        assertOneLine("keyring.json");
        try (var left = Files.list(empty)) {
            assertEquals(0, left.count(), "nothing written");
        }

        assertEquals(2, run("issuer", "export-pem", "--jwks-url", "file:///etc/passwd"));
        assertOneLine("--jwks-url");
        assertEquals(1, run("issuer", "export-pem", "--jwks-url", "http://127.0.0.1:9/.well-known/jwks"));
        assertOneLine("cannot fetch");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        // export-pem must run without the broker's application context, like the runner's commands
        CliContext none = CliContext.startedBy(() -> {
            throw new AssertionError("export-pem started an application context");
        });
        return CredbrokerCommand.execute(none, new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8), args);
    }

    private void assertOneLine(String mentioned) {
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.strip().lines().count(), e);
        assertTrue(e.startsWith("credbroker: ") && e.contains(mentioned), e);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    private KeyRing ring() {
        return server.getApplicationContext().getBean(KeyRing.class);
    }

    private String mint() {
        return server.getApplicationContext().getBean(TokenMinter.class).mint(new MintRequest("run-1", "acme",
                "Default Project", "web", null, null, null, "plan", "vault.workload.identity", 600L, null)).token();
    }

    private Set<String> jwksKids() throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/.well-known/jwks")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JWKSet.parse(body).getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    /** Each block parsed as an X.509 public key on its own, named by its RFC 7638 thumbprint (the broker's kid). */
    private static Set<String> kidsOf(String pem) throws Exception {
        List<String> blocks = blocks(pem);
        assertFalse(blocks.isEmpty(), pem);
        Set<String> kids = new java.util.HashSet<>();
        for (String block : blocks) {
            Matcher m = BLOCK.matcher(block);
            assertTrue(m.matches(), block);
            assertEquals("PUBLIC KEY", m.group(1));
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            kids.add(new RSAKey.Builder(key).build().computeThumbprint().toString());
        }
        assertEquals(blocks.size(), kids.size(), "one block per key");
        return kids;
    }

    private static List<String> blocks(String pem) {
        List<String> blocks = BLOCK.matcher(pem).results().map(java.util.regex.MatchResult::group).toList();
        assertEquals(pem, String.join("", blocks), "nothing but PEM blocks on stdout");
        return blocks;
    }
}
