package dev.fivenines.operator.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fivenines.api.v1alpha1.AuthBlueprint;
import dev.fivenines.api.v1alpha1.AuthDeployment;
import dev.fivenines.api.v1alpha1.ExposureSpec;
import dev.fivenines.api.v1alpha1.GatewaySpec;
import dev.fivenines.operator.desired.Labels;
import dev.fivenines.operator.desired.Workload;
import dev.fivenines.operator.drift.DriftDetector;
import dev.fivenines.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The deployment's HTTPRoute with {@code spec.exposure.type: Gateway} ({@link Workload#httpRoute()}), read and applied on
 * every pass (no informer: a cluster without the Gateway API has no such kind to watch), and removed when the exposure
 * changes to another type (the Service carries {@link Workload#HTTP_ROUTE} while a route exists). Gives the address the Gateway reports, which the failover record points at when the
 * deployment names no {@code dns.target}.
 */
final class GatewayRoutes {

    private GatewayRoutes() {
    }

    /** @return the first address in the Gateway's status, when the route is declared and the Gateway reports one */
    static Optional<String> ensure(AuthBlueprint blueprint, AuthDeployment deployment, Workload workload, Context<AuthDeployment> context,
            OperatorMetrics metrics) {
        String namespace = deployment.getMetadata().getNamespace();
        Optional<GenericKubernetesResource> want = workload.httpRoute();
        Resource<GenericKubernetesResource> route = context.getClient().genericKubernetesResources(Workload.GATEWAY_API, "HTTPRoute")
                .inNamespace(namespace).withName(workload.name());
        if (want.isEmpty()) {
            // the Service is marked while a route exists (from the informer's cache, before this pass applies it): no
            // call at all for deployments that never had one
            boolean hadRoute = context.getSecondaryResources(Service.class).stream()
                    .filter(s -> workload.name().equals(s.getMetadata().getName())).findFirst()
                    .map(s -> s.getMetadata().getAnnotations() != null && s.getMetadata().getAnnotations().containsKey(Workload.HTTP_ROUTE))
                    .orElse(false);
            if (hadRoute) {
                removeIfOurs(route, metrics);
            }
            return Optional.empty();
        }
        GatewaySpec gateway = ExposureSpec.gateway(blueprint.getSpec().getExposure());
        try {
            GenericKubernetesResource live = route.get();
            if (DriftDetector.compare(want.get(), live).isPresent()) {
                // straight through the client: the operator keeps no cache of routes to update
                context.getClient().resource(want.get()).fieldManager(context.getControllerConfiguration().fieldManager())
                        .forceConflicts().serverSideApply();
                metrics.applied("HTTPRoute");
            }
            GenericKubernetesResource found = context.getClient().genericKubernetesResources(Workload.GATEWAY_API, "Gateway")
                    .inNamespace(gateway.getNamespace() == null ? namespace : gateway.getNamespace()).withName(gateway.getName()).get();
            return address(found);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new IllegalStateException("spec.exposure.type Gateway needs the Gateway API (" + Workload.GATEWAY_API
                        + " HTTPRoute) installed in this cluster: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    static Optional<String> address(GenericKubernetesResource gateway) {
        if (gateway == null || !(gateway.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
                || !(status.get("addresses") instanceof List<?> addresses)) {
            return Optional.empty();
        }
        return addresses.stream().filter(Map.class::isInstance).map(a -> ((Map<String, Object>) a).get("value"))
                .filter(v -> v instanceof String text && !text.isBlank()).map(String.class::cast).findFirst();
    }

    private static void removeIfOurs(Resource<GenericKubernetesResource> route, OperatorMetrics metrics) {
        try {
            GenericKubernetesResource live = route.get();
            if (live != null && live.getMetadata().getLabels() != null
                    && Labels.OPERATOR.equals(live.getMetadata().getLabels().get(Labels.MANAGED_BY))) {
                route.delete();
                metrics.applied("HTTPRoute");
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            // no Gateway API in this cluster: no route to remove
        }
    }
}
