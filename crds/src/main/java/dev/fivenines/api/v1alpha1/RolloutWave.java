package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/** Regions whose operators walk a bucket together, after every earlier wave has passed it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutWave {

    @JsonPropertyDescription("The regions of this wave, e.g. [us-east-1]; each region is in one wave only.")
    @Required
    @Size(min = 1, max = 20)
    private List<@io.fabric8.generator.annotation.Pattern(ApiGroup.REGION_PATTERN) @Size(max = 30) String> regions;

    public RolloutWave() {
    }

    public RolloutWave(List<String> regions) {
        this.regions = regions;
    }

    public List<String> getRegions() {
        return regions;
    }

    public void setRegions(List<String> regions) {
        this.regions = regions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RolloutWave other && Objects.equals(regions, other.regions);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(regions);
    }
}
