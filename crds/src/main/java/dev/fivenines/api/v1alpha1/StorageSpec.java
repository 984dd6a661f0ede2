package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** DynamoDB storage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {

    @JsonPropertyDescription("Prefix of the table names.")
    @Default("fivenines")
    @Pattern("^[a-zA-Z0-9_.-]{3,200}$")
    private String tablePrefix = "fivenines";

    @JsonPropertyDescription("Region where the global tables are created.")
    @Required
    @Pattern(ApiGroup.REGION_PATTERN)
    private String homeRegion;

    @JsonPropertyDescription("Retain keeps a replica when its deployment is deleted; Delete removes it (never the last one).")
    @Default("Retain")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

    @JsonPropertyDescription("Adopt tables that already exist and were not created by Fivenines.")
    @Default("false")
    private Boolean adoptExisting = false;

    public String getTablePrefix() {
        return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    public String getHomeRegion() {
        return homeRegion;
    }

    public void setHomeRegion(String homeRegion) {
        this.homeRegion = homeRegion;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public Boolean getAdoptExisting() {
        return adoptExisting;
    }

    public void setAdoptExisting(Boolean adoptExisting) {
        this.adoptExisting = adoptExisting;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StorageSpec other)) {
            return false;
        }
        return Objects.equals(tablePrefix, other.tablePrefix) && Objects.equals(homeRegion, other.homeRegion) && Objects.equals(deletionPolicy, other.deletionPolicy) && Objects.equals(adoptExisting, other.adoptExisting);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tablePrefix, homeRegion, deletionPolicy, adoptExisting);
    }
}
