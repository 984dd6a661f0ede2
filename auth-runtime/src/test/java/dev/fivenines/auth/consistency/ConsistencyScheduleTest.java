package dev.fivenines.auth.consistency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fivenines.auth.api.LocalDynamoResource;
import dev.fivenines.auth.config.RuntimeSettings;
import dev.fivenines.tables.AuthTables;
import dev.fivenines.auth.support.Management;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The check inside the runtime on DynamoDB Local: its schedule, its gauge and run counter, and the Prometheus scrape. */
@QuarkusTest
@QuarkusTestResource(value = LocalDynamoResource.class, restrictToAnnotatedClass = true)
class ConsistencyScheduleTest {

    @Inject
    Scheduler scheduler;

    @Inject
    ScheduledConsistencyValidation validation;

    @Inject
    MeterRegistry meters;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    RuntimeSettings settings;

    private String authTable() {
        return AuthTables.authTable(settings.storage().tablePrefix());
    }

    private double discrepancies() {
        return meters.get("fivenines.consistency.discrepancies").gauge().value();
    }

    private double runs(String outcome) {
        return meters.get("fivenines.consistency.runs").tag("outcome", outcome).counter().count();
    }

    @Test
    void theCheckIsScheduledAndDoesNotFireInTheFirstMinutes() {
        Trigger trigger = scheduler.getScheduledJob(ScheduledConsistencyValidation.JOB);

        assertThat(trigger).as("the job with the default interval").isNotNull();
        assertThat(trigger.getNextFireTime()).as("the first run waits for the initial delay (10m)")
                .isAfter(Instant.now().plus(Duration.ofMinutes(5)));
    }

    @Test
    void eachRunExportsWhatItFoundAndIsCounted() {
        validation.validate();
        double before = discrepancies();
        double discrepancyRuns = runs("discrepancies");
        assertThat(before).as("a number once a check has run").isNotNaN();

        String tenant = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, AttributeValue> ghost = new HashMap<>(Map.of("pk", AttributeValue.fromS("TENANT#" + tenant),
                "sk", AttributeValue.fromS("ROLE#ghost")));
        ghost.put("permissions", AttributeValue.fromL(List.of(AttributeValue.fromS("*"))));
        ghost.put("version", AttributeValue.fromN("1"));
        dynamo.putItem(p -> p.tableName(authTable()).item(ghost));
        try {
            validation.validate();

            assertThat(discrepancies()).as("the role put without audit").isEqualTo(before + 1);
            assertThat(runs("discrepancies")).isEqualTo(discrepancyRuns + 1);
            String scrape = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(scrape.lines()).anyMatch(line -> line.startsWith("fivenines_consistency_discrepancies ")
                    && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) == before + 1);
            assertThat(scrape).contains("fivenines_consistency_runs_total{outcome=\"discrepancies\"}");
        } finally {
            dynamo.deleteItem(d -> d.tableName(authTable()).key(Map.of("pk", AttributeValue.fromS("TENANT#" + tenant),
                    "sk", AttributeValue.fromS("ROLE#ghost"))));
        }
        validation.validate();
        assertThat(discrepancies()).isEqualTo(before);
    }
}
