package dev.fivenines.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class CryptoProviderChoiceTest {

    @Test
    void theNativeProviderIsNamedWithItsArchitecture() {
        CryptoProviderChoice choice = CryptoProviderChoice.nativeProvider("AmazonCorrettoCryptoProvider", "amd64");

        assertThat(choice.logLine()).isEqualTo("token signatures use AmazonCorrettoCryptoProvider (native AWS-LC) on amd64");
        assertThat(choice.labels()).isEqualTo(Map.of("provider", "AmazonCorrettoCryptoProvider", "native", "true", "arch", "amd64"));
    }

    @Test
    void theFallbackSaysItIsNotNativeAndWhy() {
        CryptoProviderChoice choice = CryptoProviderChoice.fallback("SunEC", "aarch64",
                new UnsatisfiedLinkError("libamazonCorrettoCryptoProvider.so: wrong ELF class"));

        assertThat(choice.nativeCode()).isFalse();
        assertThat(choice.logLine()).startsWith("token signatures use the JDK provider SunEC (not native")
                .contains("on aarch64").endsWith("(UnsatisfiedLinkError: libamazonCorrettoCryptoProvider.so: wrong ELF class)");
        assertThat(choice.labels()).containsEntry("native", "false").containsEntry("provider", "SunEC");
    }

    @Test
    void theGaugeIsOneWithTheChoiceAsLabelsAndReplacesAnEarlierOne() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CryptoProviderMetrics.register(meters, CryptoProviderChoice.fallback("SunEC", "amd64", null));
        CryptoProviderMetrics.register(meters, CryptoProviderChoice.nativeProvider("AmazonCorrettoCryptoProvider", "amd64"));

        assertThat(meters.find(CryptoProviderChoice.METRIC).gauges()).hasSize(1);
        Gauge gauge = meters.get(CryptoProviderChoice.METRIC).gauge();
        assertThat(gauge.value()).isEqualTo(1.0);
        assertThat(gauge.getId().getTag("provider")).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(gauge.getId().getTag("native")).isEqualTo("true");
        assertThat(gauge.getId().getTag("arch")).isEqualTo("amd64");
    }

    @Test
    void onThisMachineTheNativeProviderSigns() {
        CryptoProviderChoice choice = CryptoProviders.choice();

        assertThat(choice.nativeCode()).as(choice.logLine()).isTrue();
        assertThat(choice.osArch()).isEqualTo(System.getProperty("os.arch"));
    }
}
