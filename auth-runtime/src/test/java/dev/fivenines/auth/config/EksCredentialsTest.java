package dev.fivenines.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.internal.WebIdentityCredentialsUtils;

/** The runtime's pods get AWS credentials the way EKS gives them: IRSA (web identity) and EKS Pod Identity. */
class EksCredentialsTest {

    @Test
    void webIdentityCredentialsForIrsaCanBeLoadedFromTheClasspath() {
        // without the SDK's sts module this throws "To use web identity tokens, the 'sts' service module must be on the class path"
        assertThat(WebIdentityCredentialsUtils.factory().getClass().getName()).startsWith("software.amazon.awssdk.services.sts");
    }

    @Test
    void podIdentityIsServedByTheContainerCredentialsProviderOfTheDefaultChain() {
        // EKS Pod Identity sets AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE; the
        // default chain's container provider reads both (no network here: only that it exists and builds)
        assertThat(ContainerCredentialsProvider.builder().build()).isNotNull();
    }
}
