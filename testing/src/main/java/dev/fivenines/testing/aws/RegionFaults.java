package dev.fivenines.testing.aws;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults injected at one front door of the local cloud: a region's DynamoDB endpoint or the Route 53 endpoint. Only
 * the front door is affected; the emulator behind it keeps its data, and replication between regions goes on behind
 * the front doors (as it would while a region's API endpoint, not its storage, is failing).
 *
 * <p>Operations are named as in the API ({@code UpdateTable}) or as an IAM action ({@code dynamodb:UpdateTable});
 * {@code *} means every operation.
 */
public final class RegionFaults {

    /** Matches every operation in {@link #denyAccess(String)} and {@link #throttle(String)}. */
    public static final String ALL = "*";

    private final String name;
    private final FrontDoor door;
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Set<String> throttled = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private volatile boolean serverErrors;

    RegionFaults(String name, FrontDoor door) {
        this.name = name;
        this.door = door;
    }

    /** The region's endpoint stops listening: clients get "connection refused". */
    public void stop() {
        door.stopListening();
    }

    /** The endpoint listens again on the same port and answers normally (server errors end too). */
    public void start() {
        serverErrors = false;
        door.startListening();
    }

    /** The endpoint keeps accepting connections but answers every request with HTTP 500. */
    public void failWithServerErrors() {
        serverErrors = true;
    }

    /** Requests for the operation are refused with the service's AccessDenied error, naming the IAM action. */
    public void denyAccess(String operation) {
        denied.add(normalize(operation));
    }

    public void allowAccess(String operation) {
        denied.remove(normalize(operation));
    }

    /** Requests for the operation are refused with the service's throttling error until {@link #stopThrottling}. */
    public void throttle(String operation) {
        throttled.add(normalize(operation));
    }

    public void stopThrottling(String operation) {
        throttled.remove(normalize(operation));
    }

    /** Back to normal: listening, no injected errors. The call counts are kept. */
    public void clear() {
        denied.clear();
        throttled.clear();
        start();
    }

    public boolean isListening() {
        return door.isListening();
    }

    /** How many requests for the operation reached this front door (answered or refused by an injected fault). */
    public long calls(String operation) {
        AtomicLong count = calls.get(normalize(operation));
        return count == null ? 0 : count.get();
    }

    @Override
    public String toString() {
        return "faults of " + name;
    }

    /** The injected answer for this request, or null to let it through. */
    ProxyResponse intercept(Dialect dialect, ProxyRequest request) {
        String operation = dialect.operation(request);
        calls.computeIfAbsent(operation, key -> new AtomicLong()).incrementAndGet();
        if (serverErrors) {
            return dialect.serverError();
        }
        if (denied.contains(operation) || denied.contains(ALL)) {
            return dialect.accessDenied(operation, dialect.resourceArn(request));
        }
        if (throttled.contains(operation) || throttled.contains(ALL)) {
            return dialect.throttled(operation);
        }
        return null;
    }

    private static String normalize(String operation) {
        String trimmed = operation.trim();
        int colon = trimmed.indexOf(':');
        String bare = colon >= 0 ? trimmed.substring(colon + 1) : trimmed;
        if (bare.isEmpty()) {
            throw new IllegalArgumentException("No operation named in '" + operation + "'");
        }
        return bare.equals(ALL) ? ALL : Character.toUpperCase(bare.charAt(0)) + bare.substring(1);
    }
}
