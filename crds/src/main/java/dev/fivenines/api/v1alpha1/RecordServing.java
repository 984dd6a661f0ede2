package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One failover record name of the blueprint's deployments and the deployment Route 53 answers it with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecordServing {

    @JsonPropertyDescription("The record name, e.g. auth.example.com.")
    private String recordName;

    @JsonPropertyDescription("The set identifier (the AuthDeployment's name) Route 53 answers the name with now, as its deployments last read it.")
    private String answeredBy;

    @JsonPropertyDescription("Whether that is the primary record (false: failed over to the secondary, or evacuated).")
    private Boolean primaryServing;

    public String getRecordName() {
        return recordName;
    }

    public void setRecordName(String recordName) {
        this.recordName = recordName;
    }

    public String getAnsweredBy() {
        return answeredBy;
    }

    public void setAnsweredBy(String answeredBy) {
        this.answeredBy = answeredBy;
    }

    public Boolean getPrimaryServing() {
        return primaryServing;
    }

    public void setPrimaryServing(Boolean primaryServing) {
        this.primaryServing = primaryServing;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RecordServing other)) {
            return false;
        }
        return Objects.equals(recordName, other.recordName) && Objects.equals(answeredBy, other.answeredBy)
                && Objects.equals(primaryServing, other.primaryServing);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordName, answeredBy, primaryServing);
    }
}
