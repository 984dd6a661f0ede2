package dev.fivenines.aws;

/** Status of one region's replica of a global table. Statuses the operator does not act on are {@link #OTHER}. */
public enum ReplicaStatus {
    CREATING, CREATION_FAILED, UPDATING, DELETING, ACTIVE, REGION_DISABLED, INACCESSIBLE_ENCRYPTION_CREDENTIALS, OTHER;

    public static ReplicaStatus of(String aws) {
        for (ReplicaStatus status : values()) {
            if (status.name().equals(aws)) {
                return status;
            }
        }
        return OTHER;
    }
}
