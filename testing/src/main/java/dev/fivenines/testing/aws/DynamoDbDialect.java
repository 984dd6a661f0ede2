package dev.fivenines.testing.aws;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** DynamoDB's JSON protocol: the operation is named by {@code X-Amz-Target}, errors are JSON with {@code __type}. */
final class DynamoDbDialect implements Dialect {

    static final String TARGET_PREFIX = "DynamoDB_20120810.";
    static final String ACCOUNT = "000000000000";
    /** The identity named in injected access-denied messages. */
    static final String CALLER = "arn:aws:sts::" + ACCOUNT + ":assumed-role/fivenines-operator/local-cloud";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;

    DynamoDbDialect(String region) {
        this.region = region;
    }

    @Override
    public String operation(ProxyRequest request) {
        String target = request.header("X-Amz-Target");
        if (target == null) {
            return "Unknown";
        }
        int dot = target.lastIndexOf('.');
        return dot >= 0 ? target.substring(dot + 1) : target;
    }

    @Override
    public String resourceArn(ProxyRequest request) {
        String table = "*";
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body != null && body.hasNonNull("TableName")) {
                table = body.get("TableName").asText();
            } else if (body != null && body.hasNonNull("ResourceArn")) {
                return body.get("ResourceArn").asText();
            }
        } catch (IOException unreadable) {
            // the message then names every table
        }
        return "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + table;
    }

    @Override
    public ProxyResponse accessDenied(String operation, String resourceArn) {
        String action = "dynamodb:" + operation;
        return new DynamoDbError(DynamoDbError.CORAL_SERVICE + "AccessDeniedException",
                "User: " + CALLER + " is not authorized to perform: " + action + " on resource: " + resourceArn
                        + " because no identity-based policy allows the " + action + " action").toResponse();
    }

    @Override
    public ProxyResponse throttled(String operation) {
        return new DynamoDbError(DynamoDbError.CORAL_AVAILABILITY + "ThrottlingException",
                "Rate of requests exceeds the allowed throughput.").toResponse();
    }

    @Override
    public ProxyResponse serverError() {
        return new DynamoDbError(DynamoDbError.DYNAMODB + "InternalServerError", "Internal server error", 500).toResponse();
    }
}
