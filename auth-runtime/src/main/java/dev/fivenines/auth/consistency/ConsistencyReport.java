package dev.fivenines.auth.consistency;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one consistency check found.
 *
 * @param tenant           the one tenant checked, or absent when every tenant in the tables was
 * @param startedAt        when the check started (ISO-8601)
 * @param durationMillis   how long it took
 * @param tenantsChecked   tenants whose items and audit trail were compared
 * @param itemsChecked     roles, access records and clients read from the auth table
 * @param auditEntriesRead audit entries read, including those read again to confirm a discrepancy
 * @param tenantsRechecked tenants read a second time because the first read found discrepancies; only those seen
 *                         both times are reported, so a change written while the check ran is not one
 * @param discrepancies    what disagrees, by tenant and target
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "consistent", "tenant", "startedAt", "durationMillis", "tenantsChecked", "itemsChecked", "auditEntriesRead",
        "tenantsRechecked", "discrepancies" })
public record ConsistencyReport(String tenant, String startedAt, long durationMillis, int tenantsChecked, long itemsChecked,
        long auditEntriesRead, int tenantsRechecked, List<Discrepancy> discrepancies) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ConsistencyReport {
        discrepancies = List.copyOf(discrepancies);
    }

    @JsonProperty("consistent")
    public boolean consistent() {
        return discrepancies.isEmpty();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a consistency report could not be written as JSON", e);
        }
    }
}
