package dev.fivenines.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fivenines.aws.CloudException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/** How AWS's error codes become domain failures, including those the emulators never send. */
class AwsErrorsTest {

    @ParameterizedTest(name = "{0} (HTTP {1}) is {2}")
    @CsvSource({
            "AccessDeniedException, 400, AccessDenied, false",
            "UnrecognizedClientException, 400, AccessDenied, false",
            "ExpiredTokenException, 400, AccessDenied, false",
            "ThrottlingException, 400, Throttled, true",
            "LimitExceededException, 400, Throttled, true",
            "ProvisionedThroughputExceededException, 400, Throttled, true",
            "ResourceInUseException, 400, ResourceBusy, true",
            "ResourceNotFoundException, 400, NotFound, false",
            "ValidationException, 400, InvalidRequest, false",
            "InternalServerError, 500, Unavailable, true",
            "ServiceUnavailable, 503, Unavailable, true"})
    void dynamoDbErrors(String code, int status, String reason, boolean retryable) {
        DynamoDbException failure = (DynamoDbException) DynamoDbException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("details from AWS").build())
                .statusCode(status).build();

        CloudException mapped = AwsErrors.map(failure, "dynamodb:UpdateTable", "eu-west-1", "table auth-tokens");

        assertThat(mapped.reason()).isEqualTo(reason);
        assertThat(mapped.retryable()).isEqualTo(retryable);
        assertThat(mapped.action()).isEqualTo("dynamodb:UpdateTable");
        assertThat(mapped.region()).contains("eu-west-1");
        assertThat(mapped).hasMessageContaining("AWS said: " + code + ": details from AWS").hasCause(failure);
    }

    @ParameterizedTest(name = "{0} (HTTP {1}) is {2}")
    @CsvSource({
            "AccessDenied, 403, AccessDenied",
            "Throttling, 400, Throttled",
            "PriorRequestNotComplete, 400, Throttled",
            "HealthCheckInUse, 400, ResourceBusy",
            "HealthCheckVersionMismatch, 409, ResourceBusy",
            "NoSuchHostedZone, 404, NotFound",
            "InvalidChangeBatch, 400, InvalidRequest"})
    void route53Errors(String code, int status, String reason) {
        Route53Exception failure = (Route53Exception) Route53Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("details").build())
                .statusCode(status).build();

        CloudException mapped = AwsErrors.map(failure, "route53:ChangeResourceRecordSets", null, "record a.example.com.");

        assertThat(mapped.reason()).isEqualTo(reason);
        assertThat(mapped.region()).isEmpty();
    }

    @Test
    void accessDeniedSaysWhichActionToGrantAndRejectedCredentialsSayWhereToLook() {
        DynamoDbException denied = (DynamoDbException) DynamoDbException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("no").build())
                .statusCode(400).build();
        DynamoDbException unknownKey = (DynamoDbException) DynamoDbException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnrecognizedClientException").errorMessage("no").build())
                .statusCode(400).build();

        assertThat(AwsErrors.map(denied, "dynamodb:UpdateTable", "us-east-1", "table t"))
                .hasMessageStartingWith("The operator's AWS identity may not call dynamodb:UpdateTable on table t in us-east-1. "
                        + "Grant dynamodb:UpdateTable to its IAM role");
        assertThat(AwsErrors.map(unknownKey, "dynamodb:UpdateTable", "us-east-1", "table t"))
                .hasMessageContaining("AWS rejected the operator's credentials");
    }

    @Test
    void noAnswerAtAllIsUnavailable() {
        SdkClientException refused = SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"));

        CloudException mapped = AwsErrors.map(refused, "dynamodb:DescribeTable", "us-west-2", "table t");

        assertThat(mapped.reason()).isEqualTo("Unavailable");
        assertThat(mapped.retryable()).isTrue();
        assertThat(mapped).hasMessageContaining("DynamoDB in us-west-2 did not answer dynamodb:DescribeTable on table t "
                + "(ConnectException: Connection refused)");
    }
}
