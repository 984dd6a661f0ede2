package dev.fivenines.aws;

/** The resource is in the middle of another change (a table or replica not ACTIVE, a health check still in use, a concurrent update); try again when it has settled. */
public final class ResourceBusy extends CloudException {

    public ResourceBusy(String message, String action, String region, Throwable cause) {
        super(message, action, region, cause);
    }

    public ResourceBusy(String message, String action, String region) {
        this(message, action, region, null);
    }

    @Override
    public String reason() {
        return "ResourceBusy";
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
