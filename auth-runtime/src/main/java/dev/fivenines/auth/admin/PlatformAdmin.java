package dev.fivenines.auth.admin;

import java.util.Optional;
import java.util.Set;

import dev.fivenines.auth.api.BadRequest;
import dev.fivenines.auth.authz.ModelCache;
import dev.fivenines.auth.clients.ClientCache;
import dev.fivenines.auth.storage.StoredClient;
import dev.fivenines.auth.storage.TenantPage;
import dev.fivenines.auth.storage.TenantRecord;
import dev.fivenines.auth.storage.TenantRecords;
import dev.fivenines.auth.tenants.TenantDirectory;
import dev.fivenines.auth.tokens.Secrets;
import dev.fivenines.auth.tokens.TokenService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the platform may do: provision a tenant with its first admin client, list the tenants, retire one. Each change
 * is written with its audit entry (see {@link TenantRecords}); a retired tenant is refused on this replica at once and
 * on the others within their refresh interval, and its keys are deleted.
 */
@ApplicationScoped
public class PlatformAdmin {

    /** The first admin client's id when the request names none. */
    public static final String FIRST_ADMIN_CLIENT = "tenant-admin";
    private static final String ADMIN_SCOPE = "admin";

    public record NewTenant(String id, String adminClientId) {
    }

    /** A provisioned tenant and its first admin client, whose secret is shown this once and stored only as its hash. */
    public record Provisioned(TenantRecord tenant, StoredClient adminClient, String secret) {
    }

    private final TenantRecords records;
    private final TenantDirectory directory;
    private final TokenService tokens;
    private final ModelCache models;
    private final ClientCache clients;

    public PlatformAdmin(TenantRecords records, TenantDirectory directory, TokenService tokens, ModelCache models, ClientCache clients) {
        this.records = records;
        this.directory = directory;
        this.tokens = tokens;
        this.models = models;
        this.clients = clients;
    }

    public Provisioned create(NewTenant request, String actor) {
        if (request == null) {
            throw new BadRequest("body", "send {\"id\": <tenant id>, \"adminClientId\": optional}");
        }
        String tenant = AdminInput.tenantId(request.id());
        String clientId = AdminInput.clientId("adminClientId", request.adminClientId() == null ? FIRST_ADMIN_CLIENT : request.adminClientId());
        String secret = Secrets.generate();
        StoredClient admin = new StoredClient(clientId, Secrets.hash(secret), Set.of(ADMIN_SCOPE), 1);
        TenantRecord record = records.create(tenant, Optional.of(admin), actor);
        directory.provisioned(tenant);
        clients.invalidate(tenant, clientId);
        return new Provisioned(record, admin, secret);
    }

    /** Retires an active tenant; an id without an active record is a 404. */
    public TenantRecord retire(String tenant, String actor) {
        AdminInput.tenantId(tenant);
        TenantRecord current = records.get(tenant).filter(TenantRecord::active)
                .orElseThrow(() -> new TenantDirectory.NotFound(tenant));
        TenantRecord retired = records.retire(current, actor);
        directory.retired(tenant);
        tokens.forget(tenant);
        models.forget(tenant);
        clients.forget(tenant);
        return retired;
    }

    /** A page of tenants: {@code limit} records (1 to 500, 50 when absent) after {@code cursor}. */
    public TenantPage list(String cursor, Integer limit) {
        int size = AdminInput.pageSize(limit);
        return BadRequest.check("cursor", () -> records.page(Optional.ofNullable(cursor), size));
    }
}
