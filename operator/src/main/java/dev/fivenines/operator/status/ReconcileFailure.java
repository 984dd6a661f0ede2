package dev.fivenines.operator.status;

import dev.fivenines.aws.CloudException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Why a reconcile threw, classified for kstatus: {@code stalled} when trying again cannot succeed until a person
 * changes something (the API server refuses what the spec builds, the operator lacks a permission, AWS refuses the
 * request for good); otherwise the operator retries with backoff and the resource is still reconciling.
 *
 * @param stalled whether retrying alone cannot fix it
 * @param reason one CamelCase word
 * @param cause what went wrong, from the exception
 * @param fix what a person should do (empty when retrying is the fix)
 */
public record ReconcileFailure(boolean stalled, String reason, String cause, String fix) {

    public static ReconcileFailure of(Throwable error) {
        String cause = String.valueOf(error.getMessage());
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CloudException cloud) {
                return cloud.retryable() ? retrying(cause)
                        : new ReconcileFailure(true, cloud.reason(), cause, "correct what the message names; the operator keeps retrying");
            }
            if (t instanceof KubernetesClientException kube) {
                return switch (kube.getCode()) {
                    case 400, 422 -> new ReconcileFailure(true, "InvalidSpec", cause,
                            "the API server refused an object built from this spec: correct the field it names");
                    case 403 -> new ReconcileFailure(true, "Forbidden", cause,
                            "the operator's ServiceAccount lacks a permission: grant it (the chart's ClusterRole has every one it needs)");
                    default -> retrying(cause);
                };
            }
        }
        return retrying(cause);
    }

    /** A failure that trying again may fix on its own. */
    public static ReconcileFailure retrying(String cause) {
        return new ReconcileFailure(false, "RetryingAfterError", cause, "");
    }
}
