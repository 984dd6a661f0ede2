package dev.fivenines.testing.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * One health checker's request to a health check's endpoint, timed as Route 53 documents it: HTTP needs a TCP
 * connection within 4 s and a 2xx or 3xx status within 2 s after connecting (redirects are not followed); TCP needs a
 * connection within 10 s. Only this machine's loopback is probed: the endpoint 127.0.0.1 or localhost, or an endpoint a
 * test routed to a loopback port ({@link EndpointRoutes}: the load balancer of a cluster the test runs in a network
 * namespace of its own). Any other endpoint, and HTTPS and string-matching checks, fail without contacting anything.
 */
final class EndpointProbe {

    static final String NOT_PROBED = "The endpoint is not on this machine and is not probed by the local cloud.";

    private static final int HTTP_CONNECT_MILLIS = 4000;
    private static final int HTTP_RESPONSE_MILLIS = 2000;
    private static final int TCP_CONNECT_MILLIS = 10000;
    private static final Set<String> LOCAL_NAMES = Set.of("127.0.0.1", "localhost");

    private EndpointProbe() {
    }

    static ProbeResult probe(MotoHealthCheck check, EndpointRoutes routes) {
        String host = check.ipAddress().or(check::fqdn).orElse("");
        Optional<InetSocketAddress> routed = routes.find(host, check.port());
        if (routed.isEmpty() && !LOCAL_NAMES.contains(host.toLowerCase())) {
            return ProbeResult.failure(NOT_PROBED);
        }
        InetSocketAddress target = routed.orElse(new InetSocketAddress("127.0.0.1", check.port()));
        return switch (check.type()) {
            case "HTTP" -> http(check, host, target);
            case "TCP" -> tcp(target);
            default -> ProbeResult.failure(check.type() + " health checks are not supported by the local cloud (it probes HTTP and TCP only).");
        };
    }

    private static ProbeResult tcp(InetSocketAddress target) {
        try (Socket socket = new Socket()) {
            socket.connect(target, TCP_CONNECT_MILLIS);
            return ProbeResult.success("TCP connection established.");
        } catch (IOException e) {
            return connectFailure(e);
        }
    }

    private static ProbeResult http(MotoHealthCheck check, String host, InetSocketAddress target) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(target, HTTP_CONNECT_MILLIS);
            } catch (IOException e) {
                return connectFailure(e);
            }
            socket.setSoTimeout(HTTP_RESPONSE_MILLIS);
            String request = "GET " + check.resourcePath() + " HTTP/1.1\r\n"
                    + "Host: " + check.fqdn().orElse(host) + ":" + check.port() + "\r\n"
                    + "User-Agent: Amazon-Route53-Health-Check-Service (ref local-cloud; report http://amzn.to/1vsZADi)\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return status(statusLine(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            return ProbeResult.failure("The endpoint did not respond within 2 seconds after the connection was established.");
        } catch (IOException e) {
            return connectFailure(e);
        }
    }

    private static ProbeResult status(String line) {
        String[] parts = line.split(" ", 3);
        int code;
        try {
            code = parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (code < 0) {
            return ProbeResult.failure("The endpoint's response was not HTTP: " + line);
        }
        String text = "HTTP Status Code " + code + (parts.length > 2 ? ", " + parts[2] : "");
        return code >= 200 && code < 400 ? ProbeResult.success(text) : ProbeResult.failure(text);
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 1024) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (line.isEmpty()) {
            throw new IOException("The endpoint closed the connection without a response.");
        }
        return line.toString();
    }

    private static ProbeResult connectFailure(IOException e) {
        if (e instanceof ConnectException) {
            return ProbeResult.failure("Connection refused. The endpoint or the internet connection is down, or other network issue occurred.");
        }
        if (e instanceof SocketTimeoutException) {
            return ProbeResult.failure("Connection timed out. The endpoint or the internet connection is down, or other network issue occurred.");
        }
        return ProbeResult.failure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
