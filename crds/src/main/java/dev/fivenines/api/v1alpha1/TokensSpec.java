package dev.fivenines.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** Token issuing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokensSpec {

    @JsonPropertyDescription("The iss claim of issued tokens: an https URL.")
    @Required
    @Pattern("^https://[^\\s]+$")
    private String issuer;

    @JsonPropertyDescription("Signature algorithm: ES256 or EdDSA.")
    @Default("ES256")
    private Algorithm algorithm = Algorithm.ES256;

    @JsonPropertyDescription("Lifetime of access tokens, e.g. 15m or 1h.")
    @Default("15m")
    @Pattern("^([0-9]+(s|m|h))+$")
    private String accessTokenTtl = "15m";

    @JsonPropertyDescription("How often signing keys rotate, e.g. 720h; a retired key verifies until its last token expires.")
    @Default("720h")
    @Pattern("^([0-9]+(s|m|h))+$")
    private String keyRotationPeriod = "720h";

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public Algorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(Algorithm algorithm) {
        this.algorithm = algorithm;
    }

    public String getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(String accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public String getKeyRotationPeriod() {
        return keyRotationPeriod;
    }

    public void setKeyRotationPeriod(String keyRotationPeriod) {
        this.keyRotationPeriod = keyRotationPeriod;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TokensSpec other)) {
            return false;
        }
        return Objects.equals(issuer, other.issuer) && Objects.equals(algorithm, other.algorithm) && Objects.equals(accessTokenTtl, other.accessTokenTtl) && Objects.equals(keyRotationPeriod, other.keyRotationPeriod);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, algorithm, accessTokenTtl, keyRotationPeriod);
    }
}
