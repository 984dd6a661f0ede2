package dev.fivenines.e2e.cluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class on a cluster whose pods really run: the local cluster with its real node, or a Kind
 * cluster when FIVENINES_E2E_CLUSTER=kind (e2e/kind/run). Injects {@link E2eCluster} and a
 * {@link io.fabric8.kubernetes.client.KubernetesClient}. The cluster is shared by every class of the run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ClusterExtension.class)
public @interface WithCluster {
}
