package dev.fivenines.aws;

/** Role of a record in Route 53 failover routing. */
public enum Failover {
    /** Answered while its health check is healthy (Primary and Dedicated deployments). */
    PRIMARY,
    /** Answered while the primary is unhealthy (Backup deployments). */
    SECONDARY
}
