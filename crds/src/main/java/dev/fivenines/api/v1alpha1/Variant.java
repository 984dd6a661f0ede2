package dev.fivenines.api.v1alpha1;

/** What an AuthDeployment is for. */
public enum Variant {
    /** Serves a region's traffic; the PRIMARY answer of its failover record. */
    Primary,
    /** Stands in for a primary (spec.backupOf); the SECONDARY answer of the primary's failover record. */
    Backup,
    /** Close to users; reads storage through a failover chain of up to three regions. */
    Edge,
    /** Serves one customer only (spec.customer), with its own record. */
    Dedicated
}
