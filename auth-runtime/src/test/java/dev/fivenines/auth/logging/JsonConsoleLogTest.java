package dev.fivenines.auth.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fivenines.auth.api.LocalDynamoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code QUARKUS_LOG_CONSOLE_JSON_ENABLED=true} (what the blueprint's {@code spec.runtime.logFormat: Json} sets): the
 * running runtime's console handler writes each record as one JSON object a line, with the fields a log pipeline
 * indexes.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
@TestProfile(JsonConsoleLogTest.Json.class)
class JsonConsoleLogTest {

    public static class Json implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.console.json.enabled", "true");
        }
    }

    @Test
    void theConsoleWritesOneJsonObjectPerRecord() throws Exception {
        Handler[] handlers = LogContext.getLogContext().getLogger("").getHandlers();
        Formatter formatter = Arrays.stream(handlers).flatMap(JsonConsoleLogTest::withNested).map(Handler::getFormatter)
                .filter(f -> f != null && f.getClass().getName().contains("Json")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON formatter on the console: " + Arrays.toString(handlers)));
        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.WARN, "storage region %s failed", ExtLogRecord.FormatStyle.PRINTF,
                JsonConsoleLogTest.class.getName());
        record.setParameters(new Object[] {"us-east-1"});
        record.setLoggerName("dev.fivenines.auth.storage");

        String line = formatter.format(record);

        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).as(line).isEqualTo("WARN");
        assertThat(json.path("message").asText()).isEqualTo("storage region us-east-1 failed");
        assertThat(json.path("loggerName").asText()).isEqualTo("dev.fivenines.auth.storage");
        assertThat(json.path("timestamp").asText()).isNotBlank();
    }

    /** A handler and the handlers it delegates to (Quarkus wraps the console handler, e.g. for async logging). */
    private static java.util.stream.Stream<Handler> withNested(Handler handler) {
        java.util.stream.Stream<Handler> self = java.util.stream.Stream.of(handler);
        if (handler instanceof org.jboss.logmanager.ExtHandler ext && ext.getHandlers() != null) {
            return java.util.stream.Stream.concat(self, Arrays.stream(ext.getHandlers()).flatMap(JsonConsoleLogTest::withNested));
        }
        return self;
    }
}
