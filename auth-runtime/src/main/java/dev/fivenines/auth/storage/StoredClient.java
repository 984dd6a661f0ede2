package dev.fivenines.auth.storage;

import java.util.Set;

/** A client: its secret is kept only as a SHA-256 hash (secrets are 256 random bits, so a slow hash adds nothing). */
public record StoredClient(String id, String secretHash, Set<String> scopes, long version) {

    public StoredClient {
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "StoredClient[" + id + ", scopes=" + scopes + ", version=" + version + "]";
    }
}
