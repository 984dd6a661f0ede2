package dev.fivenines.operator.desired;

/** Label keys and values on every managed object. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String VERSION = "app.kubernetes.io/version";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String BLUEPRINT = "fivenines.dev/blueprint";
    public static final String REVISION = "fivenines.dev/revision";
    public static final String VARIANT = "fivenines.dev/variant";
    public static final String REGION = "fivenines.dev/region";
    public static final String COMPONENT = "app.kubernetes.io/component";

    public static final String APP = "fivenines-auth";
    public static final String OPERATOR = "fivenines-operator";
    /** Selects every object the operator manages. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private Labels() {
    }
}
