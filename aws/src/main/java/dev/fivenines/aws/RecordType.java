package dev.fivenines.aws;

/** Types of the failover records Fivenines manages. */
public enum RecordType {
    A, AAAA, CNAME
}
