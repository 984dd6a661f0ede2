package dev.fivenines.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.fivenines.auth.tokens.TokenRejected.Reason;
import dev.fivenines.testing.MutableClock;

class TokenServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final MutableClock now = new MutableClock(T0);
    private final Clock clock = now;
    private final Map<String, KeyRing> rings = new HashMap<>();
    private final AtomicInteger freshVerifications = new AtomicInteger();

    @BeforeAll
    static void nativeCrypto() {
        assertThat(CryptoProviders.install()).isEqualTo("AmazonCorrettoCryptoProvider");
    }

    private TokenService service(Algorithm algorithm) {
        TokenSettings settings = new TokenSettings("https://auth.example.com", algorithm, Duration.ofMinutes(15), Duration.ofSeconds(30), 4096);
        return new TokenService(settings, tenant -> rings.computeIfAbsent(tenant, t -> KeyRing.create(t, algorithm, T0)), clock);
    }

    /**
     * A service with a small verified-token cache whose upkeep runs on the calling thread, over keys that count the
     * tokens that had to be verified afresh (each looks its key up once, just before its signature check).
     */
    private TokenService countingService(int cachedTokens) {
        TokenSettings settings = new TokenSettings("https://auth.example.com", Algorithm.ES256, Duration.ofMinutes(15), Duration.ofSeconds(30),
                4096);
        KeySource keys = new KeySource() {
            @Override
            public KeyRing ring(String tenant) {
                return rings.computeIfAbsent(tenant, t -> KeyRing.create(t, Algorithm.ES256, T0));
            }

            @Override
            public KeyRing ringKnowing(String tenant, String kid) {
                freshVerifications.incrementAndGet();
                return ring(tenant);
            }
        };
        return new TokenService(settings, keys, clock, new VerifiedTokenCache(cachedTokens, settings.clockSkew(), clock, Runnable::run));
    }

    private static Reason rejection(TokenService service, String tenant, String token, String audience) {
        try {
            service.verify(tenant, token, audience);
        } catch (TokenRejected e) {
            return e.reason();
        }
        throw new AssertionError("the token was accepted");
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void issuedTokenVerifiesWithEveryClaim(Algorithm algorithm) throws TokenRejected {
        TokenService service = service(algorithm);

        TokenService.Issued issued = service.issue("acme", "client:billing", "fivenines", "authorize");
        VerifiedToken verified = service.verify("acme", issued.token(), "fivenines");

        assertThat(verified.subject()).isEqualTo("client:billing");
        assertThat(verified.tenant()).isEqualTo("acme");
        assertThat(verified.audience()).containsExactly("fivenines");
        assertThat(verified.jti()).isNotBlank();
        assertThat(verified.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(verified.scope()).isEqualTo("authorize");
    }

    @Test
    void unsignedTokenIsRefused() {
        String none = new PlainJWT(new JWTClaimsSet.Builder().subject("user:mallory").issuer("https://auth.example.com/tenants/acme")
                .expirationTime(Date.from(T0.plusSeconds(600))).build()).serialize();

        assertThat(rejection(service(Algorithm.ES256), "acme", none, null)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        TokenService service = service(Algorithm.ES256);
        service.issue("acme", "x", "fivenines", "");
        ECKey publicKey = (ECKey) rings.get("acme").active().publicJwk();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().subject("user:mallory").issuer("https://auth.example.com/tenants/acme").audience("fivenines")
                        .expirationTime(Date.from(T0.plusSeconds(600))).build());
        forged.sign(new MACSigner(publicKey.toECPublicKey().getEncoded()));

        assertThat(rejection(service, "acme", forged.serialize(), "fivenines")).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void onlyATokenVerifiedBeforeIsKnownFromMemory() throws Exception {
        TokenService service = service(Algorithm.ES256);
        String token = service.issue("acme", "client:billing", "fivenines", "").token();
        assertThat(service.alreadyVerified("acme", token, "fivenines")).as("never verified").isNull();
        service.verify("acme", token, "fivenines");
        assertThat(service.alreadyVerified("acme", token, "fivenines").subject()).isEqualTo("client:billing");
        assertThat(service.alreadyVerified("globex", token, "fivenines")).as("another tenant").isNull();
        assertThat(service.alreadyVerified("acme", token, "other")).as("another audience").isNull();
        now.set(T0.plus(Duration.ofHours(1)));
        assertThat(service.alreadyVerified("acme", token, "fivenines")).as("expired").isNull();
    }

    @Test
    void tokenSignedWithAnotherTenantsKeyHasAnUnknownKid() {
        TokenService service = service(Algorithm.ES256);
        String other = service.issue("globex", "user:eve", "fivenines", "").token();

        assertThat(rejection(service, "acme", other, "fivenines")).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void alteredSignatureIsRefused() {
        TokenService service = service(Algorithm.ES256);
        String token = service.issue("acme", "user:alice", "fivenines", "").token();
        int at = token.lastIndexOf('.') + 10;
        String altered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        assertThat(rejection(service, "acme", altered, "fivenines")).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void alteredClaimsBreakTheSignature() {
        TokenService service = service(Algorithm.EdDSA);
        String[] parts = service.issue("acme", "user:alice", "fivenines", "").token().split("\\.");
        String claims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("user:alice", "user:admin").getBytes());

        assertThat(rejection(service, "acme", parts[0] + "." + claims + "." + parts[2], "fivenines")).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void expiredTokenIsRefusedOnceTheSkewHasPassed() throws TokenRejected {
        TokenService service = service(Algorithm.ES256);
        String token = service.issue("acme", "user:alice", "fivenines", "").token();

        now.set(T0.plus(Duration.ofMinutes(15)).plusSeconds(29));
        service.verify("acme", token, "fivenines");
        now.set(T0.plus(Duration.ofMinutes(15)).plusSeconds(31));

        assertThat(rejection(service, "acme", token, "fivenines")).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void tokenFromTheFutureIsNotValidYet() throws Exception {
        TokenService service = service(Algorithm.ES256);
        service.issue("acme", "x", "fivenines", "");
        SigningKey key = rings.get("acme").active();
        SignedJWT early = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).build(),
                new JWTClaimsSet.Builder().subject("user:alice").issuer("https://auth.example.com/tenants/acme").audience("fivenines")
                        .notBeforeTime(Date.from(T0.plusSeconds(120))).expirationTime(Date.from(T0.plusSeconds(900))).build());
        early.sign(key.signer());

        assertThat(rejection(service, "acme", early.serialize(), "fivenines")).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() {
        TokenService service = service(Algorithm.ES256);
        // the same keys serve two tenants here, so only the issuer tells them apart
        rings.put("globex", rings.computeIfAbsent("acme", t -> KeyRing.create(t, Algorithm.ES256, T0)));
        String globex = service.issue("globex", "user:eve", "fivenines", "").token();

        assertThat(rejection(service, "acme", globex, "fivenines")).isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        TokenService service = service(Algorithm.ES256);
        String token = service.issue("acme", "user:alice", "billing-api", "").token();

        assertThat(rejection(service, "acme", token, "fivenines")).isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    void malformedAndOversizedTokensAreRefusedBeforeAnyCrypto() {
        TokenService service = service(Algorithm.ES256);

        assertThat(rejection(service, "acme", "not-a-token", null)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(service, "acme", "a.b.c", null)).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(service, "acme", "x".repeat(5000), null)).isEqualTo(Reason.OVERSIZED);
    }

    @Test
    void retiredKeyVerifiesUntilItsLastTokenExpired() throws TokenRejected {
        TokenService service = service(Algorithm.ES256);
        String before = service.issue("acme", "user:alice", "fivenines", "").token();
        now.set(T0.plus(Duration.ofMinutes(5)));
        rings.put("acme", rings.get("acme").rotate(Algorithm.ES256, now.get(), Duration.ofMinutes(15)));
        String after = service.issue("acme", "user:alice", "fivenines", "").token();

        assertThat(service.verify("acme", before, "fivenines").subject()).isEqualTo("user:alice");
        assertThat(rings.get("acme").jwks().getKeys()).hasSize(2);

        now.set(T0.plus(Duration.ofMinutes(19)));
        assertThat(service.verify("acme", after, "fivenines").subject()).isEqualTo("user:alice");
        now.set(T0.plus(Duration.ofMinutes(21)));
        assertThat(rings.get("acme").verificationKey(rings.get("acme").retired().get(0).kid(), now.get(), Duration.ofMinutes(15)))
                .as("the retired key is past its overlap").isEmpty();
    }

    @Test
    void privateKeysNeverShowInJwksOrToString() {
        KeyRing ring = KeyRing.create("acme", Algorithm.ES256, T0).rotate(Algorithm.EdDSA, T0.plusSeconds(1), Duration.ofMinutes(15));

        assertThat(ring.jwks().toJSONObject().toString()).doesNotContain("\"d\"");
        assertThat(ring.jwks().getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(ring.active().toString()).doesNotContain(ring.active().jwk().toJSONString());
    }

    @Test
    void aTokenVerifiedForOneTenantIsNotAcceptedForAnotherFromTheCache() throws TokenRejected {
        TokenService service = service(Algorithm.ES256);
        rings.put("globex", rings.computeIfAbsent("acme", t -> KeyRing.create(t, Algorithm.ES256, T0)));
        String token = service.issue("acme", "user:alice", "fivenines", "").token();

        service.verify("acme", token, "fivenines");
        service.verify("acme", token, "fivenines");

        assertThat(rejection(service, "globex", token, "fivenines")).isEqualTo(Reason.WRONG_ISSUER);
        assertThat(rejection(service, "acme", token, "billing-api")).isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    void aFloodOfDistinctTokensDoesNotPushOutATokenInSteadyUse() throws TokenRejected {
        TokenService service = countingService(100);
        String steady = service.issue("acme", "client:billing", "fivenines", "").token();
        List<String> flood = IntStream.range(0, 2_000).mapToObj(i -> service.issue("acme", "client:bot-" + i, "fivenines", "").token()).toList();

        service.verify("acme", steady, "fivenines");
        for (String token : flood) {
            service.verify("acme", token, "fivenines");
            assertThat(service.verify("acme", steady, "fivenines").subject()).isEqualTo("client:billing");
        }

        assertThat(freshVerifications.get()).as("every flood token once, the steady token only the first time").isEqualTo(1 + flood.size());
        assertThat(service.alreadyVerified("acme", steady, "fivenines")).isNotNull();
    }

    @Test
    void aRememberedTokenIsGoneTheMomentItsExpiryAndSkewHavePassed() throws TokenRejected {
        TokenService service = countingService(100);
        String token = service.issue("acme", "user:alice", "fivenines", "").token();
        service.verify("acme", token, "fivenines");
        Instant lastValid = T0.plus(Duration.ofMinutes(15)).plusSeconds(30).minusMillis(1);

        now.set(lastValid);
        assertThat(service.alreadyVerified("acme", token, "fivenines")).isNotNull();
        service.verify("acme", token, "fivenines");
        assertThat(freshVerifications.get()).as("answered from memory").isEqualTo(1);

        now.set(lastValid.plusMillis(1));
        assertThat(service.alreadyVerified("acme", token, "fivenines")).isNull();
        assertThat(rejection(service, "acme", token, "fivenines")).isEqualTo(Reason.EXPIRED);
        assertThat(freshVerifications.get()).as("checked afresh, and refused").isEqualTo(2);
    }
}
