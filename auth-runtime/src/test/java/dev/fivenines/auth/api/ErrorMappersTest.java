package dev.fivenines.auth.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;

class ErrorMappersTest {

    @Test
    void theCatchAllAnswers500WithoutDetailsAndCountsIt() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ErrorMappers mappers = new ErrorMappers(Clock.systemUTC(), meters);
        Response answer = mappers.unexpected(new IllegalStateException("table runtime-auth: secret internals"), null);
        assertThat(answer.getStatus()).isEqualTo(500);
        @SuppressWarnings("unchecked")
        Map<String, String> body = (Map<String, String>) answer.getEntity();
        assertThat(body).containsEntry("error", "internal_error");
        assertThat(body.get("reason")).startsWith("an unexpected failure; it was logged with reference ").doesNotContain("runtime-auth");
        assertThat(meters.counter(ErrorMappers.UNEXPECTED_FAILURES).count()).isEqualTo(1.0);
    }
}
