package dev.fivenines.auth.authz;

import java.util.Objects;

/** Who asks or is granted: a user, a group or a client of one tenant. */
public record Subject(Kind kind, String id) {

    public enum Kind {
        USER, GROUP, CLIENT;

        String word() {
            return name().toLowerCase();
        }
    }

    public Subject {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a subject needs an id");
        }
    }

    public static Subject user(String id) {
        return new Subject(Kind.USER, id);
    }

    public static Subject group(String id) {
        return new Subject(Kind.GROUP, id);
    }

    public static Subject client(String id) {
        return new Subject(Kind.CLIENT, id);
    }

    /** {@code user:alice}, the form the API and the audit trail use. */
    public static Subject parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a subject is kind:id, e.g. user:alice, group:admins or client:billing");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(text.substring(0, colon).toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a subject's kind is user, group or client, not " + text.substring(0, colon));
        }
        return new Subject(kind, text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return kind.word() + ":" + id;
    }
}
