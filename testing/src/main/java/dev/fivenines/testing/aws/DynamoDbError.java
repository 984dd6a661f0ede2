package dev.fivenines.testing.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A DynamoDB error in the service's JSON shape: {@code {"__type": "...#Name", "message": "..."}} with HTTP 400. */
final class DynamoDbError extends RuntimeException {

    static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    static final String CORAL_SERVICE = "com.amazon.coral.service#";
    static final String CORAL_AVAILABILITY = "com.amazon.coral.availability#";
    static final String CORAL_VALIDATE = "com.amazon.coral.validate#";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String type;
    private final int status;

    DynamoDbError(String type, String message) {
        this(type, message, 400);
    }

    DynamoDbError(String type, String message, int status) {
        super(message);
        this.type = type;
        this.status = status;
    }

    static DynamoDbError validation(String message) {
        return new DynamoDbError(CORAL_VALIDATE + "ValidationException", message);
    }

    static DynamoDbError resourceInUse(String message) {
        return new DynamoDbError(DYNAMODB + "ResourceInUseException", message);
    }

    /** The error name after the '#', as the SDK reports it. */
    String code() {
        return type.substring(type.indexOf('#') + 1);
    }

    ProxyResponse toResponse() {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type);
        // AWS writes "Message" for coral service errors such as AccessDeniedException and "message" for DynamoDB's own
        body.put(type.startsWith(CORAL_SERVICE) && code().equals("AccessDeniedException") ? "Message" : "message",
                getMessage());
        return ProxyResponse.of(status, "application/x-amz-json-1.0", body.toString());
    }
}
