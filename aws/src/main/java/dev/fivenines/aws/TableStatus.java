package dev.fivenines.aws;

/** Status of a table in one region. Statuses the operator does not act on are {@link #OTHER}. */
public enum TableStatus {
    CREATING, ACTIVE, UPDATING, DELETING, OTHER;

    public static TableStatus of(String aws) {
        for (TableStatus status : values()) {
            if (status.name().equals(aws)) {
                return status;
            }
        }
        return OTHER;
    }
}
