package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Drift found and corrected. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftStatus {

    @JsonPropertyDescription("How many hand changes were put back.")
    private Long corrections;

    @JsonPropertyDescription("The object of the last correction, as Kind/name.")
    private String lastObject;

    @JsonPropertyDescription("The field of the last correction.")
    private String lastField;

    @JsonPropertyDescription("When the last correction was made (RFC 3339).")
    private String lastCorrectedAt;

    public Long getCorrections() {
        return corrections;
    }

    public void setCorrections(Long corrections) {
        this.corrections = corrections;
    }

    public String getLastObject() {
        return lastObject;
    }

    public void setLastObject(String lastObject) {
        this.lastObject = lastObject;
    }

    public String getLastField() {
        return lastField;
    }

    public void setLastField(String lastField) {
        this.lastField = lastField;
    }

    public String getLastCorrectedAt() {
        return lastCorrectedAt;
    }

    public void setLastCorrectedAt(String lastCorrectedAt) {
        this.lastCorrectedAt = lastCorrectedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DriftStatus other)) {
            return false;
        }
        return Objects.equals(corrections, other.corrections) && Objects.equals(lastObject, other.lastObject) && Objects.equals(lastField, other.lastField) && Objects.equals(lastCorrectedAt, other.lastCorrectedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(corrections, lastObject, lastField, lastCorrectedAt);
    }
}
