package dev.fivenines.testing.aws;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Route 53's REST-XML protocol: the operation follows from method and path, errors are an XML {@code ErrorResponse}. */
final class Route53Dialect implements Dialect {

    private record Route(String method, Pattern path, String operation) {
    }

    private static final String ID = "([^/]+)";
    private static final List<Route> ROUTES = List.of(
            route("POST", "/hostedzone", "CreateHostedZone"),
            route("GET", "/hostedzone", "ListHostedZones"),
            route("GET", "/hostedzone/" + ID, "GetHostedZone"),
            route("DELETE", "/hostedzone/" + ID, "DeleteHostedZone"),
            route("POST", "/hostedzone/" + ID + "/rrset/?", "ChangeResourceRecordSets"),
            route("GET", "/hostedzone/" + ID + "/rrset/?", "ListResourceRecordSets"),
            route("GET", "/hostedzonesbyname", "ListHostedZonesByName"),
            route("POST", "/healthcheck", "CreateHealthCheck"),
            route("GET", "/healthcheck", "ListHealthChecks"),
            route("GET", "/healthcheck/" + ID, "GetHealthCheck"),
            route("POST", "/healthcheck/" + ID, "UpdateHealthCheck"),
            route("DELETE", "/healthcheck/" + ID, "DeleteHealthCheck"),
            route("GET", "/healthcheck/" + ID + "/status", "GetHealthCheckStatus"),
            route("POST", "/tags/(healthcheck|hostedzone)/" + ID, "ChangeTagsForResource"),
            route("GET", "/tags/(healthcheck|hostedzone)/" + ID, "ListTagsForResource"),
            route("POST", "/tags/(healthcheck|hostedzone)", "ListTagsForResources"),
            route("GET", "/change/" + ID, "GetChange"));

    private static Route route(String method, String path, String operation) {
        return new Route(method, Pattern.compile("/\\d{4}-\\d{2}-\\d{2}" + path), operation);
    }

    @Override
    public String operation(ProxyRequest request) {
        for (Route route : ROUTES) {
            if (route.method().equals(request.method()) && route.path().matcher(request.path()).matches()) {
                return route.operation();
            }
        }
        return "Unknown";
    }

    @Override
    public String resourceArn(ProxyRequest request) {
        Matcher zone = Pattern.compile(".*/hostedzone/([^/]+).*").matcher(request.path());
        if (zone.matches()) {
            return "arn:aws:route53:::hostedzone/" + zone.group(1);
        }
        Matcher check = Pattern.compile(".*/healthcheck/([^/]+).*").matcher(request.path());
        return check.matches() ? "arn:aws:route53:::healthcheck/" + check.group(1) : "*";
    }

    @Override
    public ProxyResponse accessDenied(String operation, String resourceArn) {
        String action = "route53:" + operation;
        return error(403, "Sender", "AccessDenied", "User: " + DynamoDbDialect.CALLER + " is not authorized to perform: "
                + action + " on resource: " + resourceArn + " because no identity-based policy allows the " + action
                + " action");
    }

    @Override
    public ProxyResponse throttled(String operation) {
        return error(400, "Sender", "Throttling", "Rate exceeded");
    }

    @Override
    public ProxyResponse serverError() {
        return error(500, "Receiver", "InternalFailure", "An internal error occurred.");
    }

    private static ProxyResponse error(int status, String type, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>" + type
                + "</Type><Code>" + code + "</Code><Message>" + escape(message) + "</Message></Error><RequestId>"
                + UUID.randomUUID() + "</RequestId></ErrorResponse>";
        return ProxyResponse.of(status, "text/xml", xml);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
