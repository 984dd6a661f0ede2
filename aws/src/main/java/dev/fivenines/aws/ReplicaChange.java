package dev.fivenines.aws;

/** What a call to add or remove a replica did. */
public enum ReplicaChange {
    /** DynamoDB accepted the change; the replica is now CREATING or DELETING. */
    STARTED,
    /** The replica was already there (when adding) or already gone or going (when removing). */
    NOTHING_TO_DO
}
