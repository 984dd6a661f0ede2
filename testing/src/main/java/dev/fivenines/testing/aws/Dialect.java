package dev.fivenines.testing.aws;

/** How one AWS service names its operations and shapes its errors, so injected faults look like the real thing. */
interface Dialect {

    /** The API operation a request calls, e.g. {@code UpdateTable}. */
    String operation(ProxyRequest request);

    /** The ARN the operation acts on, for the access-denied message. */
    String resourceArn(ProxyRequest request);

    ProxyResponse accessDenied(String operation, String resourceArn);

    ProxyResponse throttled(String operation);

    ProxyResponse serverError();
}
