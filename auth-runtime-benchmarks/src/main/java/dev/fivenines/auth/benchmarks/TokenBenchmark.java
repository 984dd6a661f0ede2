package dev.fivenines.auth.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.fivenines.auth.tokens.Algorithm;
import dev.fivenines.auth.tokens.CryptoProviders;
import dev.fivenines.auth.tokens.KeyRing;
import dev.fivenines.auth.tokens.TokenRejected;
import dev.fivenines.auth.tokens.TokenService;
import dev.fivenines.auth.tokens.TokenSettings;
import dev.fivenines.auth.tokens.VerifiedToken;

/** Token issue and verify, ES256 (through the installed JCA provider) and EdDSA (Nimbus through Tink). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenBenchmark {

    @Param({"ES256", "EdDSA"})
    public String algorithm;

    /** {@code native} installs Amazon Corretto Crypto Provider first; {@code jdk} keeps the JDK's providers. */
    @Param({"native"})
    public String provider;

    private TokenService service;
    private String token;

    @Setup
    public void setUp() {
        if (provider.equals("native")) {
            System.out.println("provider: " + CryptoProviders.install());
        }
        Algorithm alg = Algorithm.valueOf(algorithm);
        KeyRing ring = KeyRing.create("bench", alg, Instant.now());
        service = new TokenService(new TokenSettings("https://auth.example.com", alg, Duration.ofHours(1), Duration.ofSeconds(30), 8192),
                tenant -> ring, Clock.systemUTC());
        token = service.issue("bench", "client:load", "fivenines", "authorize").token();
    }

    @Benchmark
    public String issue() {
        return service.issue("bench", "client:load", "fivenines", "authorize").token();
    }

    @Benchmark
    public VerifiedToken verify() throws TokenRejected {
        return service.verify("bench", token, "fivenines");
    }
}
