package dev.credbroker.issuer;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.credbroker.vaultsim.SimClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenMinterTest {
    private static final Instant START = Instant.parse("2026-03-01T09:30:00.750Z");

    @Test
    void issuedAtNotBeforeAndExpiryShouldComeFromTheInjectedClock(@TempDir Path dir) throws Exception {
        SimClock clock = new SimClock(START);
        IssuerConfiguration config = KeyRingTest.config(dir, SigningAlgorithm.RS256);
        TokenMinter sut = new TokenMinter(config, new KeyRing(config, clock), clock);
        clock.advance(Duration.ofDays(400));

        MintedToken minted = sut.mint(KeyRingTest.request());

        JWTClaimsSet claims = SignedJWT.parse(minted.token()).getJWTClaimsSet();
        Instant now = Instant.parse("2027-04-05T09:30:00Z");
        assertEquals(Date.from(now), claims.getIssueTime(), "the clock's second, not the wall clock's");
        assertEquals(Date.from(now), claims.getNotBeforeTime());
        assertEquals(Date.from(now.plusSeconds(600)), claims.getExpirationTime(), "iat + the requested 600 s");
        assertEquals(now.plusSeconds(600), minted.expiresAt());
    }
}
