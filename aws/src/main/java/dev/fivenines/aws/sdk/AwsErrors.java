package dev.fivenines.aws.sdk;

import java.util.Set;

import dev.fivenines.aws.AccessDenied;
import dev.fivenines.aws.CloudException;
import dev.fivenines.aws.InvalidRequest;
import dev.fivenines.aws.NotFound;
import dev.fivenines.aws.ResourceBusy;
import dev.fivenines.aws.Throttled;
import dev.fivenines.aws.Unavailable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns an SDK failure into a {@link CloudException} whose message says what to do. */
final class AwsErrors {

    private static final String POLICY = "docs/aws.md lists the least-privilege policy";

    private static final Set<String> ACCESS_DENIED = Set.of("AccessDeniedException", "AccessDenied");
    private static final Set<String> CREDENTIALS_REJECTED = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature", "ExpiredToken",
            "ExpiredTokenException", "MissingAuthenticationToken", "InvalidAccessKeyId");
    private static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "LimitExceededException",
            "RequestLimitExceeded", "ProvisionedThroughputExceededException", "TooManyRequestsException",
            "PriorRequestNotComplete");
    private static final Set<String> BUSY = Set.of("ResourceInUseException", "HealthCheckInUse", "HealthCheckVersionMismatch",
            "ConcurrentModification", "TransactionConflictException");
    private static final Set<String> NOT_FOUND = Set.of("ResourceNotFoundException", "TableNotFoundException",
            "NoSuchHealthCheck", "NoSuchHostedZone");

    private AwsErrors() {
    }

    /**
     * @param action   the IAM action called, e.g. {@code dynamodb:UpdateTable}
     * @param region   the region called, null for Route 53
     * @param resource what was acted on, for the message, e.g. {@code table auth-tokens}
     */
    static CloudException map(SdkException failure, String action, String region, String resource) {
        String where = region == null ? "" : " in " + region;
        if (!(failure instanceof AwsServiceException service)) {
            return new Unavailable((region == null ? "Route 53" : "DynamoDB" + where) + " did not answer " + action
                    + " on " + resource + " (" + rootMessage(failure) + "); will retry.", action, region, failure);
        }
        String code = code(service);
        String said = " AWS said: " + code + ": " + awsMessage(service);
        if (ACCESS_DENIED.contains(code)) {
            return new AccessDenied("The operator's AWS identity may not call " + action + " on " + resource + where
                    + ". Grant " + action + " to its IAM role (" + POLICY + ")." + said, action, region, failure);
        }
        if (CREDENTIALS_REJECTED.contains(code)) {
            return new AccessDenied("AWS rejected the operator's credentials when calling " + action + where
                    + ": check what the default credentials chain finds (IAM role for the service account, environment, "
                    + "profile)." + said, action, region, failure);
        }
        if (THROTTLED.contains(code) || service.isThrottlingException()) {
            return new Throttled("AWS throttled " + action + " on " + resource + where + "; will retry with backoff." + said,
                    action, region, failure);
        }
        if (BUSY.contains(code)) {
            return new ResourceBusy(resource + where + " is busy with another change; will retry once it has settled." + said,
                    action, region, failure);
        }
        if (NOT_FOUND.contains(code)) {
            return new NotFound(resource + where + " does not exist." + said, action, region, failure);
        }
        if (service.statusCode() >= 500) {
            return new Unavailable("AWS failed to answer " + action + " on " + resource + where + " (HTTP "
                    + service.statusCode() + "); will retry." + said, action, region, failure);
        }
        return new InvalidRequest("AWS refused " + action + " on " + resource + where + "." + said, action, region, failure);
    }

    static String awsMessage(AwsServiceException service) {
        return service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null
                ? service.getMessage()
                : service.awsErrorDetails().errorMessage();
    }

    static String code(AwsServiceException service) {
        return service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
