package dev.fivenines.testing.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** A health check's configuration as moto's Route 53 holds it (the {@code HealthCheck} element of its answers). */
record MotoHealthCheck(String id, String type, Optional<String> ipAddress, Optional<String> fqdn, int port,
        String resourcePath, int requestIntervalSeconds, int failureThreshold, boolean inverted, boolean disabled) {

    /** Every {@code HealthCheck} element of a ListHealthChecks or GetHealthCheck answer. */
    static List<MotoHealthCheck> parse(byte[] xml) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("moto's Route 53 answered with XML that does not parse: " + e.getMessage(), e);
        }
        NodeList nodes = document.getElementsByTagName("HealthCheck");
        List<MotoHealthCheck> checks = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            checks.add(of((Element) nodes.item(i)));
        }
        return checks;
    }

    private static MotoHealthCheck of(Element check) {
        String type = text(check, "Type").orElse("HTTP");
        boolean secure = type.startsWith("HTTPS");
        return new MotoHealthCheck(text(check, "Id").orElseThrow(), type, text(check, "IPAddress"),
                text(check, "FullyQualifiedDomainName"),
                text(check, "Port").map(Integer::parseInt).orElse(secure ? 443 : 80),
                text(check, "ResourcePath").orElse("/"),
                text(check, "RequestInterval").map(Integer::parseInt).orElse(30),
                text(check, "FailureThreshold").map(Integer::parseInt).orElse(3),
                text(check, "Inverted").map(Boolean::parseBoolean).orElse(false),
                text(check, "Disabled").map(Boolean::parseBoolean).orElse(false));
    }

    private static Optional<String> text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        if (nodes.getLength() == 0) {
            return Optional.empty();
        }
        String text = nodes.item(0).getTextContent().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
