package dev.fivenines.auth.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The runtime's settings. In a cluster they come from the ConfigMap the operator writes (environment
 * variables such as FIVENINES_TOKENS_ISSUER); every one has a default for local use.
 */
@ConfigMapping(prefix = "fivenines")
public interface RuntimeSettings {

    /** Where the deep health check always answers. */
    String DEEP_HEALTH_PATH = "/q/health/deep";

    /** The AuthDeployment this runtime belongs to (FIVENINES_DEPLOYMENT, set by the operator); {@code local} outside a cluster. */
    @WithDefault("local")
    String deployment();

    /**
     * The deployment's variant (FIVENINES_VARIANT): Primary, Backup, Edge or Dedicated. A Dedicated deployment serves its
     * customer's tenant only ({@link #customer()}).
     */
    @WithDefault("Primary")
    String variant();

    /** The region the deployment runs in (FIVENINES_REGION); without it, the storage region. */
    Optional<String> region();

    /** Dedicated only: the tenant id of the customer it serves (FIVENINES_CUSTOMER, the AuthDeployment's spec.customer). */
    Optional<String> customer();

    Storage storage();

    Tokens tokens();

    Model model();

    Clients clients();

    Admin admin();

    Health health();

    Limits limits();

    Tenants tenants();

    Platform platform();

    interface Storage {
        /** Prefix of the table names (module auth-tables). */
        @WithDefault("fivenines")
        String tablePrefix();

        /** The region whose DynamoDB the runtime reads and writes. */
        @WithDefault("us-east-1")
        String region();

        /**
         * The storage chain, local region first, then the failover regions in order (at most three; the
         * operator sets FIVENINES_STORAGE_REGIONS). Without it, the chain is {@link #region()} alone.
         */
        Optional<List<String>> regions();

        /** A DynamoDB endpoint instead of AWS's for every region (DynamoDB Local). */
        Optional<String> endpoint();

        /** Per-region endpoints, as {@code <region>=<url>} entries; they win over {@link #endpoint()}. */
        Optional<List<String>> endpoints();

        /** The budget of one hop of the chain: a region that has not answered by then is passed over. */
        @WithDefault("500ms")
        Duration hopTimeout();

        /** How long connecting to a region's endpoint may take, within the hop's budget. */
        @WithDefault("250ms")
        Duration connectTimeout();

        /** Failures in a row after which a region is skipped. */
        @WithDefault("3")
        int breakerFailures();

        /** How long a failing region is skipped before one request tries it again. */
        @WithDefault("5s")
        Duration breakerCoolDown();

        /** Create the tables at start-up when they are missing (local use; in AWS the operator creates them). */
        @WithDefault("false")
        boolean createTables();
    }

    interface Tokens {
        /** The blueprint's issuer; a tenant's issuer is {@code <issuer>/tenants/<tenant>}. */
        @WithDefault("https://auth.localhost")
        String issuer();

        /** ES256 (default, native speed) or EdDSA. */
        @WithDefault("ES256")
        String algorithm();

        @WithDefault("15m")
        Duration accessTokenTtl();

        @WithDefault("30s")
        Duration clockSkew();

        /** How often a tenant's signing key is replaced; a retired key verifies until its last token expired. */
        @WithDefault("720h")
        Duration keyRotationPeriod();

        /** How often a replica re-reads the stored keys, to see another replica's rotation. */
        @WithDefault("60s")
        Duration keyRefresh();

        @WithDefault("8192")
        int maxTokenBytes();

        /** The audience of the tokens this service issues and accepts. */
        @WithDefault("fivenines")
        String audience();
    }

    interface Model {
        /** A tenant's model older than this is reloaded in the background. */
        @WithDefault("30s")
        Duration refreshAfter();

        /** No decision is made from a model older than this. */
        @WithDefault("5m")
        Duration maxAge();
    }

    /** The token endpoint's client lookups, kept in memory ({@link dev.fivenines.auth.clients.ClientCache}). */
    interface Clients {
        /** A kept lookup this old is read again in the background while it keeps answering (FIVENINES_CLIENTS_REFRESH_AFTER). */
        @WithDefault("5s")
        Duration refreshAfter();

        /**
         * A kept lookup this old is read again before a grant is answered: a client deleted or a secret replaced on
         * another replica or region stops working within this bound (FIVENINES_CLIENTS_EXPIRE_AFTER).
         */
        @WithDefault("15s")
        Duration expireAfter();

        /** While storage fails, a kept lookup younger than this keeps answering (FIVENINES_CLIENTS_MAX_AGE). */
        @WithDefault("5m")
        Duration maxAge();

        /** At most this many client lookups are held by a replica (FIVENINES_CLIENTS_MAX_IN_MEMORY). */
        @WithDefault("100000")
        int maxInMemory();
    }

    interface Admin {
        /**
         * Per tenant, the secret of its bootstrap admin client ({@code client_id=admin}): the first credential of a
         * tenant, exchanged at the token endpoint for an admin token. Keep it in a Kubernetes Secret.
         */
        Map<String, String> bootstrapSecrets();

        /**
         * A folder where each file is named after a tenant and holds its bootstrap admin secret: the Secret the
         * blueprint's {@code runtime.bootstrapSecretRef} names, mounted read-only by the operator. Re-read every 30 s.
         */
        Optional<String> bootstrapSecretsDir();
    }

    interface Health {
        /** The path the deep health check also answers on: the blueprint's {@code healthCheck.path} (FIVENINES_HEALTH_PATH). */
        @WithDefault(DEEP_HEALTH_PATH)
        String path();

        /** A deep health report younger than this is answered again instead of checking anew. */
        @WithDefault("1s")
        Duration reuseFor();

        /** A check still running after this is answered as failed, naming the step it is in. */
        @WithDefault("2s")
        Duration deadline();
    }

    interface Limits {
        /** Above this rate (requests/s, whole deployment) a client of a tenant gets 429 (FIVENINES_LIMITS_CLIENT_BLOCK_RPS). */
        @WithDefault("2000")
        int clientBlockRps();

        /** Rates whose first crossing by a client in a minute is logged and counted (FIVENINES_LIMITS_MILESTONES). */
        @WithDefault("100,200,500,1000")
        List<Integer> milestones();

        /** Above this rate all clients of one tenant together get 429; 0 for no tenant-wide block. */
        @WithDefault("0")
        int tenantBlockRps();

        /**
         * Per-tenant client limits as {@code <tenant>=<requests/s>} entries, or {@code <tenant>=<client>/<tenant-wide>}
         * (FIVENINES_LIMITS_TENANTS).
         */
        Optional<List<String>> tenants();

        /** The Deployment's replica count; each replica enforces its share of every limit (FIVENINES_LIMITS_REPLICAS). */
        @WithDefault("1")
        int replicas();
    }

    interface Tenants {
        /**
         * At most this many tenants are held in memory by each per-tenant cache of a replica: known tenants, key rings
         * and models (FIVENINES_TENANTS_MAX_IN_MEMORY). A tenant pushed out is read again on its next request.
         */
        @WithDefault("10000")
        int maxInMemory();

        /** A known tenant's record is re-read in the background once it is this old, so a retirement elsewhere is seen. */
        @WithDefault("30s")
        Duration refreshAfter();

        /** How long a tenant id found not provisioned is answered 404 from memory (FIVENINES_TENANTS_UNKNOWN_FOR). */
        @WithDefault("5s")
        Duration unknownFor();

        /**
         * Reads of tenant records for ids not in memory, per second and replica (FIVENINES_TENANTS_LOOKUPS_PER_SECOND): a
         * flood of made-up ids costs at most this many reads; beyond it such requests get 429 with Retry-After.
         */
        @WithDefault("100")
        int lookupsPerSecond();
    }

    interface Platform {
        /**
         * A file holding the platform credential, the bearer secret of {@code /platform/tenants}: a Kubernetes Secret
         * mounted read-only (FIVENINES_PLATFORM_CREDENTIAL_FILE). Re-read every 30 s.
         */
        Optional<String> credentialFile();

        /** The platform credential itself, outside Kubernetes (FIVENINES_PLATFORM_CREDENTIAL); wins over the file. */
        Optional<String> credential();

        /** Failed platform-credential attempts per minute and replica after which every platform call gets 429 until the minute ends. */
        @WithDefault("10")
        int failedAttemptsPerMinute();
    }
}
