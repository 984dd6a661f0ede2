package dev.fivenines.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fixture's own calls to one region's DynamoDB Local, in DynamoDB's JSON protocol, bypassing the front door (and
 * its faults). DynamoDB Local runs with {@code -sharedDb}, so the credentials in the header do not matter; it only
 * needs one to be there.
 */
final class DynamoDbBackend {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=localcloud/20240101/local/dynamodb/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000";

    private final String region;
    private final URI uri;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    DynamoDbBackend(String region, URI uri) {
        this.region = region;
        this.uri = uri;
    }

    URI uri() {
        return uri;
    }

    /** Calls one operation; a DynamoDB error comes back as a {@link DynamoDbError}. */
    JsonNode call(String operation, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", DynamoDbDialect.TARGET_PREFIX + operation)
                .header("X-Amz-Date", "20240101T000000Z")
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                String type = json.path("__type").asText("UnknownError");
                String message = json.has("message") ? json.get("message").asText() : json.path("Message").asText("");
                throw new DynamoDbError(type, message, response.statusCode());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("DynamoDB Local of " + region + " did not answer " + operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling DynamoDB Local of " + region, e);
        }
    }

    /** The {@code Table} of DescribeTable, or empty when the table does not exist. */
    Optional<JsonNode> describeTable(String table) {
        try {
            return Optional.of(call("DescribeTable", object().put("TableName", table)).get("Table"));
        } catch (DynamoDbError e) {
            if (e.code().equals("ResourceNotFoundException")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw DynamoDbError.validation("The request body is not valid JSON: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "DynamoDB Local of " + region + " at " + uri;
    }
}
