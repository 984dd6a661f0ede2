package dev.fivenines.auth.config;

import java.time.Duration;
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

    Storage storage();

    Tokens tokens();

    Model model();

    Admin admin();

    interface Storage {
        /** Prefix of the table names (module auth-tables). */
        @WithDefault("fivenines")
        String tablePrefix();

        /** The region whose DynamoDB the runtime reads and writes. */
        @WithDefault("us-east-1")
        String region();

        /** A DynamoDB endpoint instead of AWS's (DynamoDB Local). */
        Optional<String> endpoint();

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

    interface Admin {
        /**
         * Per tenant, the secret of its bootstrap admin client ({@code client_id=admin}): the first credential of a
         * tenant, exchanged at the token endpoint for an admin token. Keep it in a Kubernetes Secret.
         */
        Map<String, String> bootstrapSecrets();
    }
}
