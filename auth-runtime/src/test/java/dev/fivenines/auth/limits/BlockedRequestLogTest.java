package dev.fivenines.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BlockedRequestLogTest {

    private final AtomicLong second = new AtomicLong(100);
    private final BlockedRequestLog log = new BlockedRequestLog(second::get);

    private boolean refuse(String client) {
        return log.blocked("acme", client, "client", 2000, "10.0.0.1", null, "/tenants/acme/authorize", "curl/8");
    }

    @Test
    void aFloodingClientGetsOneLineASecond() {
        assertThat(refuse("client:a")).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(refuse("client:a")).isFalse();
        }
        second.incrementAndGet();
        assertThat(refuse("client:a")).isTrue();
    }

    @Test
    void eachClientHasItsOwnLine() {
        assertThat(refuse("client:a")).isTrue();
        assertThat(refuse("client:b")).isTrue();
        assertThat(refuse("client:a")).isFalse();
    }
}
