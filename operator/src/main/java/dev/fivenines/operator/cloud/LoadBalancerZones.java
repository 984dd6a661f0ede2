package dev.fivenines.operator.cloud;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical hosted zone of a Network Load Balancer, which a Route 53 alias to it must name. AWS publishes one per
 * region (the "Elastic Load Balancing endpoints" table); the region is read from the load balancer's host name
 * ({@code <name>.elb.<region>.amazonaws.com}), else it is the deployment's. A zone the blueprint declares wins.
 */
public final class LoadBalancerZones {

    private static final Pattern NLB_HOST = Pattern.compile("\\.elb\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?\\.?$");

    /** Network Load Balancers' canonical hosted zones in the commercial regions. */
    private static final Map<String, String> NETWORK = Map.ofEntries(
            Map.entry("us-east-1", "Z26RNL4JYFTOTI"),
            Map.entry("us-east-2", "ZLMOA37VPKANP"),
            Map.entry("us-west-1", "Z24FKFUX50B4VW"),
            Map.entry("us-west-2", "Z18D5FSROUN65G"),
            Map.entry("ca-central-1", "Z2EPGBW3API2WT"),
            Map.entry("eu-west-1", "Z2IFOLAFXWLO4F"),
            Map.entry("eu-west-2", "ZD4D7Y8KGAS4G"),
            Map.entry("eu-west-3", "Z1CMS0P5QUZ6D5"),
            Map.entry("eu-central-1", "Z3F0SRJ5LGBH90"),
            Map.entry("eu-north-1", "Z1UDT6IFJ4EJM"),
            Map.entry("eu-south-1", "Z23146JA1KNAFP"),
            Map.entry("ap-south-1", "ZVDDRBQ08TROA"),
            Map.entry("ap-east-1", "Z12Y7K3UBGUAD1"),
            Map.entry("ap-northeast-1", "Z31USIVHYNEOWT"),
            Map.entry("ap-northeast-2", "ZIBE1TIR4HY56"),
            Map.entry("ap-southeast-1", "ZKVM4W9LS7TM"),
            Map.entry("ap-southeast-2", "ZCT6FZBF4DROD"),
            Map.entry("sa-east-1", "ZTK26PT1VY4CU"),
            Map.entry("me-south-1", "Z3QSRYVP46NYYV"),
            Map.entry("af-south-1", "Z203XCE67M25HM"));

    private LoadBalancerZones() {
    }

    /**
     * @param declared spec.exposure.loadBalancer.hostedZoneId, or null
     * @param hostName what the Service reports in status.loadBalancer.ingress
     * @param region the deployment's region
     */
    public static Optional<String> hostedZone(String declared, String hostName, String region) {
        if (declared != null) {
            return Optional.of(declared);
        }
        Matcher matcher = NLB_HOST.matcher(hostName.toLowerCase(java.util.Locale.ROOT));
        return Optional.ofNullable(NETWORK.get(matcher.find() ? matcher.group(1) : region));
    }
}
