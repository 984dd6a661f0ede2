package dev.fivenines.auth.authz;

import java.util.regex.Pattern;

/**
 * Hierarchical resource paths: {@code /documents/2026/report}. A grant on a path covers the path and
 * everything below it; a grant on {@code /documents/*} covers what is below {@code /documents} but not
 * {@code /documents} itself; {@code /*} and {@code /} cover everything.
 */
public final class ResourcePath {

    private static final Pattern PATH = Pattern.compile("^/([A-Za-z0-9._~@=+-]+(/[A-Za-z0-9._~@=+-]+)*)?$");
    private static final Pattern GRANT = Pattern.compile("^/(\\*|[A-Za-z0-9._~@=+-]+(/[A-Za-z0-9._~@=+-]+)*(/\\*)?)?$");

    private ResourcePath() {
    }

    public static String requirePath(String path) {
        if (path == null || path.length() > 1024 || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("a resource is a path such as /documents/2026/report (no trailing slash, no wildcard), not " + path);
        }
        return path;
    }

    public static String requireGrant(String grant) {
        if (grant == null || grant.length() > 1024 || !GRANT.matcher(grant).matches()) {
            throw new IllegalArgumentException("a grant covers a path such as /documents or /documents/*, not " + grant);
        }
        return grant;
    }

    /** Whether a grant on {@code grant} covers {@code resource}. */
    public static boolean covers(String grant, String resource) {
        if (grant.equals("/") || grant.equals("/*")) {
            return true;
        }
        if (grant.endsWith("/*")) {
            String parent = grant.substring(0, grant.length() - 2);
            return resource.length() > parent.length() + 1 && resource.startsWith(parent) && resource.charAt(parent.length()) == '/';
        }
        return resource.equals(grant)
                || resource.length() > grant.length() && resource.startsWith(grant) && resource.charAt(grant.length()) == '/';
    }

    /** How specific a grant is: longer paths first, so the closest grant explains a decision. */
    static int specificity(String grant) {
        return grant.endsWith("/*") ? grant.length() - 2 : grant.length();
    }
}
