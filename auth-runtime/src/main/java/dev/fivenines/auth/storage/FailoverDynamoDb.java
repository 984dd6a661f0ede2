package dev.fivenines.auth.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.fivenines.auth.metrics.OwnedMeters;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A {@link DynamoDbClient} over a chain of up to three regions: the local one first, then the failover
 * regions in their declared order.
 *
 * <ul>
 * <li>Reads ({@code Get*}, {@code BatchGet*}, {@code Query}, {@code Scan}, {@code TransactGet*},
 * {@code Describe*}, {@code List*}) go to the first region whose breaker lets them through and fall through
 * to the next on a region failure: a connection or I/O error, a timeout of the hop's budget, a server error
 * (5xx), throttling that outlasted the SDK's retries, or a missing table.</li>
 * <li>Writes go to the first region whose breaker lets them through. They fall through only when the
 * region certainly did not apply them (the connection was refused); after a timeout or a server error a
 * write may have been applied, and repeating it in another region could apply it twice, so the caller gets
 * the failure.</li>
 * <li>An answer that is the caller's own error (a failed condition, a validation error) is an answer: it is
 * returned as is and counts as the region working.</li>
 * <li>Paginators ({@code queryPaginator}, {@code scanPaginator}, ...) are built over the chain itself, not over one
 * region's client: each page is one {@code Query} or {@code Scan} through the chain, so a region that fails between two
 * pages is passed over for the next page like for any read (the replicas of a global table share their keys, so the
 * next region continues from the same position).</li>
 * </ul>
 *
 * Hops and failures are counted ({@code fivenines.storage.hops}, {@code fivenines.storage.failures}), each
 * breaker's state is a gauge ({@code fivenines.storage.breaker.open}), and region failures are logged at WARN, at
 * most one line per region every 10 s ({@link RegionFailureLog}).
 */
public final class FailoverDynamoDb implements InvocationHandler {

    public static final int MAX_REGIONS = 3;

    private static final Logger LOG = Logger.getLogger(FailoverDynamoDb.class);
    private static final Set<String> READ_PREFIXES = Set.of("get", "batchGet", "query", "scan", "transactGet", "describe", "list");

    private final List<StorageRegion> regions;
    private final Counter[] hops;
    private final Counter[] failures;
    private final RegionFailureLog[] failureLogs;

    private FailoverDynamoDb(List<StorageRegion> regions, MeterRegistry meters) {
        this.regions = List.copyOf(regions);
        this.hops = new Counter[regions.size()];
        this.failures = new Counter[regions.size()];
        this.failureLogs = new RegionFailureLog[regions.size()];
        OwnedMeters.forget(meters, "fivenines.storage.breaker.open");
        for (int i = 0; i < regions.size(); i++) {
            StorageRegion region = regions.get(i);
            hops[i] = Counter.builder("fivenines.storage.hops").description("Storage requests served by a region other than the local one")
                    .tag("region", region.region()).register(meters);
            failures[i] = Counter.builder("fivenines.storage.failures").description("Storage requests a region failed")
                    .tag("region", region.region()).register(meters);
            failureLogs[i] = new RegionFailureLog(region.region(), 10, TimeUnit.SECONDS, System::nanoTime);
            Gauge.builder("fivenines.storage.breaker.open", region.breaker(), b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1)
                    .description("1 while the region is skipped (its breaker is open or half-open)").tag("region", region.region())
                    .register(meters);
        }
    }

    /** The chain as one client. */
    public static DynamoDbClient over(List<StorageRegion> regions, MeterRegistry meters) {
        if (regions.isEmpty() || regions.size() > MAX_REGIONS) {
            throw new IllegalArgumentException("fivenines.storage.regions needs 1 to " + MAX_REGIONS + " regions, had " + regions.size());
        }
        if (regions.stream().map(StorageRegion::region).distinct().count() != regions.size()) {
            throw new IllegalArgumentException("fivenines.storage.regions must not repeat a region: " + regions.stream().map(StorageRegion::region).toList());
        }
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] { DynamoDbClient.class },
                new FailoverDynamoDb(regions, meters));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close" -> {
                regions.forEach(r -> r.client().close());
                return null;
            }
            case "toString" -> {
                return "DynamoDB over " + regions.stream().map(StorageRegion::region).toList();
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "serviceName", "serviceClientConfiguration", "waiter" -> {
                return call(regions.get(0), method, args);
            }
            default -> {
                if (isPaginator(method)) {
                    // the interface's own method builds the paginator over this proxy, so its page requests come back here
                    return InvocationHandler.invokeDefault(proxy, method, args);
                }
                return route(method, args, isRead(method.getName()));
            }
        }
    }

    private Object route(Method method, Object[] args, boolean read) throws Throwable {
        StringBuilder passedOver = new StringBuilder();
        boolean timedOut = false;
        Throwable last = null;
        for (int i = 0; i < regions.size(); i++) {
            StorageRegion region = regions.get(i);
            if (!region.breaker().tryAcquire()) {
                note(passedOver, region, "skipped, its breaker is open");
                continue;
            }
            try {
                Object answer = call(region, method, args);
                region.breaker().onSuccess();
                if (i > 0) {
                    hops[i].increment();
                }
                return answer;
            } catch (Throwable failure) {
                if (!isRegionFailure(failure)) {
                    region.breaker().onSuccess();
                    throw failure;
                }
                region.breaker().onFailure();
                failures[i].increment();
                last = failure;
                boolean timeout = isTimeout(failure);
                timedOut |= timeout;
                String why = timeout ? "timed out" : describe(failure);
                note(passedOver, region, why);
                boolean givenUp = !read && !certainlyNotApplied(failure);
                failureLogs[i].failed(method.getName(), why, givenUp ? "the write was not repeated elsewhere (it may have been applied)"
                        : i + 1 < regions.size() ? "passed over to the next region of the chain" : "it was the last region of the chain");
                LOG.debugf("storage region %s failed %s: %s", region.region(), method.getName(), failure.toString());
                if (givenUp) {
                    throw new StorageUnavailable("the write " + method.getName() + " failed in storage region " + passedOver
                            + "; it may have been applied there, so it was not repeated in another region", timeout, failure);
                }
            }
        }
        throw new StorageUnavailable("no storage region could serve " + method.getName() + ": " + passedOver, timedOut, last);
    }

    private static Object call(StorageRegion region, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(region.client(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean isPaginator(Method method) {
        return method.isDefault() && method.getName().endsWith("Paginator");
    }

    static boolean isRead(String operation) {
        for (String prefix : READ_PREFIXES) {
            if (operation.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean isRegionFailure(Throwable failure) {
        if (failure instanceof ResourceNotFoundException) {
            return true;
        }
        if (failure instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException();
        }
        return failure instanceof SdkClientException;
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean certainlyNotApplied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return failure instanceof ResourceNotFoundException;
    }

    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        if (failure instanceof AwsServiceException service) {
            return service.awsErrorDetails() == null ? "HTTP " + service.statusCode()
                    : service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")";
        }
        return failure.getClass().getSimpleName();
    }

    private static void note(StringBuilder passedOver, StorageRegion region, String why) {
        if (!passedOver.isEmpty()) {
            passedOver.append("; ");
        }
        passedOver.append(region.region()).append(": ").append(why);
    }
}
