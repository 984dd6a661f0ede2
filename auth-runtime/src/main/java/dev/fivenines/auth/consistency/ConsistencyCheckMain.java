package dev.fivenines.auth.consistency;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The consistency check as a command, for a Kubernetes CronJob in the runtime's image. It reads the storage settings
 * from the environment as the runtime does ({@code FIVENINES_STORAGE_TABLE_PREFIX}, {@code FIVENINES_STORAGE_REGION},
 * the region's entry of {@code FIVENINES_STORAGE_ENDPOINTS} or else {@code FIVENINES_STORAGE_ENDPOINT}); AWS credentials come from the SDK's default chain (the pod's service account,
 * or {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}). With {@code --tenant <id>} it checks one tenant,
 * otherwise every tenant in the tables.
 *
 * <p>It prints the report as JSON on standard output and {@code fivenines_consistency_discrepancies <n>} (Prometheus
 * text format) on standard error. Exit status: {@value #CONSISTENT} consistent, {@value #DISCREPANCIES} discrepancies
 * found, {@value #COULD_NOT_RUN} the check could not run (bad arguments, storage unreachable or refusing), with the
 * cause on standard error.
 */
public final class ConsistencyCheckMain {

    static final int CONSISTENT = 0;
    static final int DISCREPANCIES = 1;
    static final int COULD_NOT_RUN = 2;

    static final String METRIC = "fivenines_consistency_discrepancies";
    static final String USAGE = "usage: ConsistencyCheckMain [--tenant <tenant>]"
            + " (environment: FIVENINES_STORAGE_TABLE_PREFIX, FIVENINES_STORAGE_REGION, FIVENINES_STORAGE_ENDPOINT)";

    /** Tenant ids as the API accepts them. */
    private static final Pattern TENANT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private ConsistencyCheckMain() {
    }

    public static void main(String[] args) {
        // the image's logging implementation, which otherwise complains on stderr that it was reached before being set up
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The region's entry of FIVENINES_STORAGE_ENDPOINTS ({@code <region>=<url>,...}), if it has one. */
    static Optional<String> regionEndpoint(Map<String, String> env, String region) {
        Optional<String> all = setting(env, "FIVENINES_STORAGE_ENDPOINTS");
        if (all.isEmpty()) {
            return Optional.empty();
        }
        for (String entry : all.get().split(",")) {
            String trimmed = entry.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new IllegalArgumentException("FIVENINES_STORAGE_ENDPOINTS entries are <region>=<url>; was '" + trimmed + "'");
            }
            if (trimmed.substring(0, eq).equals(region)) {
                return Optional.of(trimmed.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Optional<String> tenant;
        try {
            tenant = tenant(args);
        } catch (IllegalArgumentException e) {
            err.println("consistency check could not run: " + e.getMessage());
            err.println(USAGE);
            return COULD_NOT_RUN;
        }
        String prefix = setting(env, "FIVENINES_STORAGE_TABLE_PREFIX").orElse("fivenines");
        String region = setting(env, "FIVENINES_STORAGE_REGION").orElse("us-east-1");
        Optional<String> endpoint;
        try {
            // the per-region endpoints the operator writes win, as they do in the runtime
            endpoint = regionEndpoint(env, region).or(() -> setting(env, "FIVENINES_STORAGE_ENDPOINT"));
        } catch (IllegalArgumentException e) {
            err.println("consistency check could not run: " + e.getMessage());
            return COULD_NOT_RUN;
        }
        String where = endpoint.map(e -> "DynamoDB at " + e + " (region " + region + ")").orElse("DynamoDB in " + region);

        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
        if (endpoint.isPresent()) {
            try {
                URI uri = new URI(endpoint.get());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new URISyntaxException(endpoint.get(), "needs a scheme and a host, e.g. http://localhost:8000");
                }
                builder.endpointOverride(uri);
            } catch (URISyntaxException e) {
                err.println("consistency check could not run: FIVENINES_STORAGE_ENDPOINT is not a URL: " + e.getMessage());
                return COULD_NOT_RUN;
            }
        }
        ConsistencyReport report;
        try (DynamoDbClient dynamo = builder.build()) {
            ConsistencyCheck check = ConsistencyCheck.of(dynamo, prefix, Clock.systemUTC());
            report = tenant.map(check::checkTenant).orElseGet(check::checkAllTenants);
        } catch (ResourceNotFoundException e) {
            err.println("consistency check could not run: a table of prefix " + prefix + " (" + prefix + "-auth, " + prefix
                    + "-audit) does not exist in " + where + ": " + message(e));
            return COULD_NOT_RUN;
        } catch (SdkClientException e) {
            err.println("consistency check could not run: cannot reach " + where + ": " + message(e));
            return COULD_NOT_RUN;
        } catch (AwsServiceException e) {
            err.println("consistency check could not run: " + where + " refused the check: " + message(e));
            return COULD_NOT_RUN;
        } catch (RuntimeException e) {
            err.println("consistency check could not run against " + where + ": " + e);
            return COULD_NOT_RUN;
        }
        out.println(report.toJson());
        out.flush();
        err.println(METRIC + " " + report.discrepancies().size());
        err.flush();
        return report.consistent() ? CONSISTENT : DISCREPANCIES;
    }

    private static Optional<String> tenant(String[] args) {
        Optional<String> tenant = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String value;
            if (args[i].equals("--tenant")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--tenant needs a tenant id");
                }
                value = args[++i];
            } else if (args[i].startsWith("--tenant=")) {
                value = args[i].substring("--tenant=".length());
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            if (tenant.isPresent()) {
                throw new IllegalArgumentException("--tenant is given twice");
            }
            if (!TENANT.matcher(value).matches()) {
                throw new IllegalArgumentException("a tenant id is 1 to 63 lower case letters, digits and dashes, not " + value);
            }
            tenant = Optional.of(value);
        }
        return tenant;
    }

    /** Empty counts as unset, as it does for the runtime's configuration. */
    private static Optional<String> setting(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The exception's message and, when it adds something, its root cause's (e.g. "Connection refused"). */
    private static String message(Exception e) {
        String message = e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && (message == null || !message.contains(root.getMessage()))) {
            return message + " (" + root + ")";
        }
        return message;
    }
}
