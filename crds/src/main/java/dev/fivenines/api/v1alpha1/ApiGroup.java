package dev.fivenines.api.v1alpha1;

/** The API group and version of the Fivenines custom resources. */
public final class ApiGroup {

    public static final String NAME = "fivenines.dev";
    public static final String VERSION = "v1alpha1";
    /** The category both kinds belong to: {@code kubectl get fivenines} lists them together. */
    public static final String CATEGORY = "fivenines";
    /** An AWS region name such as us-east-1, eu-west-2 or us-gov-west-1. */
    public static final String REGION_PATTERN = "^[a-z]{2}(-gov)?-[a-z]+-[0-9]$";
    /** A percentage written as a decimal number such as 99.999 (the range is checked by a CEL rule). */
    public static final String PERCENT_PATTERN = "^[0-9]{1,3}(\\.[0-9]{1,12})?$";
    /**
     * The CEL rule that keeps a percentage above 0 and at most 100. A value that is not a decimal number is left to
     * {@link #PERCENT_PATTERN} (the API server evaluates both), so the user sees one message, not a conversion error.
     */
    public static final String PERCENT_RANGE_RULE = "!self.matches('" + "^[0-9]{1,3}(\\\\.[0-9]{1,12})?$"
            + "') || (double(self) > 0.0 && double(self) <= 100.0)";

    private ApiGroup() {
    }
}
