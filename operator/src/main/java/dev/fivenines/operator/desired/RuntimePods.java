package dev.fivenines.operator.desired;

import io.fabric8.kubernetes.api.model.Pod;

/** Which runtime pods answer requests: the rollout's gate and the deep health probe ask only those. */
public final class RuntimePods {

    private RuntimePods() {
    }

    /** Running, Ready and with an address: a pod that is not serves nothing yet, so there is no reason to wait on it. */
    public static boolean serving(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getPodIP() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
