package dev.fivenines.api.v1alpha1;

/** The API group and version of the Fivenines custom resources. */
public final class ApiGroup {

    public static final String NAME = "fivenines.dev";
    public static final String VERSION = "v1alpha1";
    /** A region name such as us-east-1, eu-west-2 or us-gov-west-1. */
    public static final String REGION_PATTERN = "^[a-z]{2}(-gov)?-[a-z]+-[0-9]+$";

    private ApiGroup() {
    }
}
