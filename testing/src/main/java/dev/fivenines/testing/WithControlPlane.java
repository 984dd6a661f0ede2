package dev.fivenines.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the real local control plane: one kube-apiserver and etcd per test JVM,
 * shared by every class that asks for it. Test methods and constructors may take a
 * {@link io.fabric8.kubernetes.client.KubernetesClient} or the {@link LocalControlPlane} itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ControlPlaneExtension.class)
public @interface WithControlPlane {

    /** CRD YAML files, relative to the project root, installed before the class runs. */
    String[] crds() default {};
}
