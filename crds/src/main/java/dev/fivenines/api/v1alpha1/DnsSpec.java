package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Route 53 settings of one deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DnsSpec {

    @JsonPropertyDescription("Route 53 hosted zone id. Required, except on a Backup, which takes its primary's (spec.backupOf).")
    @Size(min = 1)
    private String zoneId;

    @JsonPropertyDescription("Record name, e.g. auth.example.com. Required, except on a Backup, which takes its primary's (spec.backupOf).")
    @Pattern("^([a-zA-Z0-9_]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,}\\.?$")
    private String recordName;

    @JsonPropertyDescription("What the record points at: a host name (a CNAME) or an IPv4 address (an A record), which the health "
            + "check calls as such. Leave it out with the blueprint's spec.exposure.type LoadBalancer: the record is then an alias "
            + "to the load balancer this deployment's Service reports. Required otherwise.")
    @Size(min = 1)
    private String target;

    @JsonPropertyDescription("Seconds resolvers keep the answer of a record with a target; 60 when absent. An alias record has no "
            + "TTL of its own (Route 53 answers with the load balancer's).")
    @Min(1)
    @Max(86400)
    private Integer ttlSeconds;

    public Integer getTtlSeconds() {
        return ttlSeconds;
    }

    public void setTtlSeconds(Integer ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }

    @JsonPropertyDescription("What deleting this AuthDeployment does to its Route 53 record and health check: Retain (the default) leaves them serving, so a GitOps prune or a stray kubectl delete never takes a region out of DNS; Delete removes them, but never a PRIMARY's while its SECONDARY is unhealthy (the deletion waits).")
    @Default("Retain")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

    @JsonPropertyDescription("Take over a failover record at recordName that Fivenines did not create (e.g. made by Terraform or CloudFormation): the one with this deployment's set identifier, or of the same type and failover role under another, is replaced by this deployment's in one atomic Route 53 change, so the name is answered throughout, and its ownership record is written. Records of other owners and of the other role are never touched, nor is the old health check (a new one is created). Off by default: such a record is refused.")
    private Boolean adoptExisting;

    public Boolean getAdoptExisting() {
        return adoptExisting;
    }

    public void setAdoptExisting(Boolean adoptExisting) {
        this.adoptExisting = adoptExisting;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public String getZoneId() {
        return zoneId;
    }

    public void setZoneId(String zoneId) {
        this.zoneId = zoneId;
    }

    public String getRecordName() {
        return recordName;
    }

    public void setRecordName(String recordName) {
        this.recordName = recordName;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DnsSpec other)) {
            return false;
        }
        return Objects.equals(zoneId, other.zoneId) && Objects.equals(recordName, other.recordName) && Objects.equals(target, other.target)
                && Objects.equals(deletionPolicy, other.deletionPolicy) && Objects.equals(adoptExisting, other.adoptExisting)
                && Objects.equals(ttlSeconds, other.ttlSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zoneId, recordName, target, deletionPolicy, adoptExisting, ttlSeconds);
    }
}
