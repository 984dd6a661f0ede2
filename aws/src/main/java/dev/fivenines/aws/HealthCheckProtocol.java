package dev.fivenines.aws;

/** How Route 53 calls the endpoint. The deep health endpoint of the runtime is called over HTTPS. */
public enum HealthCheckProtocol {
    HTTPS, HTTP
}
