package dev.fivenines.operator;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Counts the requests the kube-apiserver has served, from its own {@code apiserver_request_total} metric,
 * for the resources the operator touches (so what the API server writes by itself — its leases, the
 * endpoints of the kubernetes Service — is left out).
 */
public final class ApiServerWrites {

    private static final Pattern SAMPLE = Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");
    private static final Set<String> OPERATOR_RESOURCES = Set.of("authblueprints", "authdeployments", "serviceaccounts", "configmaps",
            "deployments", "services", "poddisruptionbudgets", "cronjobs", "events");

    private ApiServerWrites() {
    }

    /** Every request so far, reads included, by {@code "VERB resource[/subresource]"}. */
    public static Map<String, Long> requests(KubernetesClient client) {
        Map<String, Long> requests = new TreeMap<>();
        for (String line : client.raw("/metrics").split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String resource = labels.getOrDefault("resource", "");
            if (!OPERATOR_RESOURCES.contains(resource)) {
                continue;
            }
            String subresource = labels.getOrDefault("subresource", "");
            String key = labels.get("verb") + " " + (subresource.isEmpty() ? resource : resource + "/" + subresource);
            requests.merge(key, (long) Double.parseDouble(sample.group(2)), Long::sum);
        }
        return requests;
    }

    /** Writes so far (no GET, LIST or WATCH), by {@code "VERB resource[/subresource]"}. */
    public static Map<String, Long> count(KubernetesClient client) {
        Map<String, Long> writes = new TreeMap<>(requests(client));
        writes.keySet().removeIf(key -> !WRITES.contains(key.substring(0, key.indexOf(' '))));
        return writes;
    }

    /** What happened between two counts. */
    public static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((key, count) -> {
            long d = count - before.getOrDefault(key, 0L);
            if (d != 0) {
                delta.put(key, d);
            }
        });
        return delta;
    }

    public static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
