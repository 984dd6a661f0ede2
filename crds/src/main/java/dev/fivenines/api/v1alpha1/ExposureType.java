package dev.fivenines.api.v1alpha1;

/** How traffic reaches a deployment's runtime pods. */
public enum ExposureType {
    /** A ClusterIP Service: reached inside the cluster, or through what a team puts in front of it (dns.target by hand). */
    ClusterIP,
    /** A Service of type LoadBalancer for the AWS Load Balancer Controller: a Network Load Balancer with IP targets. */
    LoadBalancer,
    /** A Gateway API HTTPRoute to the ClusterIP Service, attached to a Gateway the team runs. */
    Gateway
}
