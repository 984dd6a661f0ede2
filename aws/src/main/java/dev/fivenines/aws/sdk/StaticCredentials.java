package dev.fivenines.aws.sdk;

import java.util.Objects;

/** Fixed credentials, for local emulators only; real deployments use the default provider chain. */
public record StaticCredentials(String accessKeyId, String secretAccessKey) {

    public StaticCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
}
