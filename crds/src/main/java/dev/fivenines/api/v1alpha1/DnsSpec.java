package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Route 53 settings of one deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DnsSpec {

    @JsonPropertyDescription("Route 53 hosted zone id.")
    @Required
    @Size(min = 1)
    private String zoneId;

    @JsonPropertyDescription("Record name, e.g. auth.example.com.")
    @Required
    @Pattern("^([a-zA-Z0-9_]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,}\\.?$")
    private String recordName;

    @JsonPropertyDescription("What the record points at: the load balancer host name or IP address of this deployment.")
    @Required
    @Size(min = 1)
    private String target;

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
        return Objects.equals(zoneId, other.zoneId) && Objects.equals(recordName, other.recordName) && Objects.equals(target, other.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zoneId, recordName, target);
    }
}
