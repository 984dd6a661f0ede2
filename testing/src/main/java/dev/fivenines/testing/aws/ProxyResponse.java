package dev.fivenines.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP response the front door sends back. Header names are case-insensitive. */
record ProxyResponse(int status, Map<String, List<String>> headers, byte[] body) {

    ProxyResponse {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = copy;
    }

    static ProxyResponse of(int status, String contentType, String body) {
        return new ProxyResponse(status, Map.of("Content-Type", List.of(contentType)), body.getBytes(StandardCharsets.UTF_8));
    }
}
