package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * Gate data from a Prometheus server instead of the pods: the outcomes a bucket's pods counted over a window, by
 * outcome, as one instant query. By default the operator writes the query itself,
 * {@code sum by (kind, outcome) (increase(fivenines_authorization_outcomes_total{<deploymentLabel>=~"<deployments>",
 * <revisionLabel>="<revision>", <matchers>}[<window>s]))}; {@code query} replaces it whole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "isURL(self.address) && url(self.address).getScheme() in ['http', 'https'] && url(self.address).getHostname() != ''",
        fieldPath = ".address",
        message = "spec.rollout.analysis.prometheus.address must be an http or https URL of the Prometheus server, e.g. http://prometheus.monitoring:9090")
@ValidationRule(value = "!has(self.query) || (self.query.contains('$deployments') && self.query.contains('$revision') && self.query.contains('$window'))",
        fieldPath = ".query",
        message = "spec.rollout.analysis.prometheus.query must use $deployments, $revision and $window, so that it counts one bucket's pods at one revision over the window")
@ValidationRule(value = "!has(self.query) || !has(self.matchers)", fieldPath = ".matchers",
        message = "spec.rollout.analysis.prometheus.matchers is only for the query the operator writes: put the matchers into spec.rollout.analysis.prometheus.query, or remove the query")
public class RolloutPrometheus {

    /** A Prometheus label name. */
    static final String LABEL_NAME = "^[a-zA-Z_][a-zA-Z0-9_]*$";

    @JsonPropertyDescription("Base URL of the Prometheus HTTP API, e.g. http://prometheus.monitoring:9090; the operator calls <address>/api/v1/query.")
    @Required
    @Size(max = 2048)
    private String address;

    @JsonPropertyDescription("The label that carries the AuthDeployment's name on the runtime's series (the pods' app.kubernetes.io/instance label as relabelled).")
    @Default("app_kubernetes_io_instance")
    @Pattern(LABEL_NAME)
    private String deploymentLabel = "app_kubernetes_io_instance";

    @JsonPropertyDescription("The label that carries the blueprint revision on the runtime's series (the pods' fivenines.dev/revision label as relabelled).")
    @Default("fivenines_dev_revision")
    @Pattern(LABEL_NAME)
    private String revisionLabel = "fivenines_dev_revision";

    @JsonPropertyDescription("Extra label matchers added to the series selector of the query the operator writes, e.g. namespace=\"auth\", cluster=\"eu-1\".")
    @Size(max = 1024)
    private String matchers;

    @JsonPropertyDescription("The whole query instead of the one the operator writes; $deployments becomes a regular expression of the bucket's AuthDeployment names, "
            + "$revision the revision, $window the window (e.g. 60s). It must return an instant vector of counts with an outcome label (and a kind label where kinds differ).")
    @Size(max = 4096)
    private String query;

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getDeploymentLabel() {
        return deploymentLabel;
    }

    public void setDeploymentLabel(String deploymentLabel) {
        this.deploymentLabel = deploymentLabel;
    }

    public String getRevisionLabel() {
        return revisionLabel;
    }

    public void setRevisionLabel(String revisionLabel) {
        this.revisionLabel = revisionLabel;
    }

    public String getMatchers() {
        return matchers;
    }

    public void setMatchers(String matchers) {
        this.matchers = matchers;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RolloutPrometheus other)) {
            return false;
        }
        return Objects.equals(address, other.address) && Objects.equals(deploymentLabel, other.deploymentLabel)
                && Objects.equals(revisionLabel, other.revisionLabel) && Objects.equals(matchers, other.matchers) && Objects.equals(query, other.query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, deploymentLabel, revisionLabel, matchers, query);
    }
}
