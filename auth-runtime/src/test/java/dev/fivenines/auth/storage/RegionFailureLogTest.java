package dev.fivenines.auth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RegionFailureLogTest {

    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);
    private final RegionFailureLog log = new RegionFailureLog("us-east-1", 10, TimeUnit.SECONDS, nanos::get);

    @Test
    void theFirstFailureIsLoggedAtOnceThenOneLinePerIntervalCountingWhatItStandsFor() {
        assertThat(log.failed("getItem", "timed out", "passed over to the next region of the chain")).get().asString()
                .isEqualTo("storage region us-east-1 failed 1 request(s) since the last line; latest: getItem timed out; "
                        + "passed over to the next region of the chain");
        for (int i = 0; i < 33; i++) {
            nanos.addAndGet(100_000_000L);
            assertThat(log.failed("getItem", "timed out", "passed over")).isEmpty();
        }
        nanos.addAndGet(7_000_000_000L);
        assertThat(log.failed("query", "connection refused", "it was the last region of the chain")).get().asString()
                .startsWith("storage region us-east-1 failed 34 request(s) since the last line; latest: query connection refused");
        assertThat(log.failed("query", "connection refused", "x")).isEmpty();
    }
}
