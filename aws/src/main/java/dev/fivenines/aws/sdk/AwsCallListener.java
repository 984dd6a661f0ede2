package dev.fivenines.aws.sdk;

/**
 * Told of every AWS API call the adapters make, once per call (retries included in it): the service (as the SDK names
 * it, {@code DynamoDb}, {@code Route53}), the operation ({@code DescribeTable}) and the outcome: {@code ok}, the
 * service's error code ({@code AccessDeniedException}, {@code ThrottlingException}), or {@code ClientError} when no
 * answer came (refused connection, timeout). The operator counts them as {@code fivenines_aws_calls_total}.
 */
@FunctionalInterface
public interface AwsCallListener {

    AwsCallListener NONE = (service, operation, outcome) -> {
    };

    void called(String service, String operation, String outcome);
}
