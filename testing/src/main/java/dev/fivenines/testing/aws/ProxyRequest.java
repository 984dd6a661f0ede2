package dev.fivenines.testing.aws;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP request as the fixture's front door received it. Header names are case-insensitive. */
record ProxyRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body) {

    ProxyRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = copy;
    }

    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The path without the query string. */
    String path() {
        return uri.getRawPath();
    }
}
