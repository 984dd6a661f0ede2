package dev.fivenines.api.v1alpha1;

/** How Route 53's health checkers call the deep health endpoint. */
public enum HealthCheckScheme {
    HTTPS,
    HTTP
}
