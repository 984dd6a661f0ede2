package dev.fivenines.aws;

import java.util.Objects;

/** A key attribute of a table or index: its name and type. */
public record KeyAttribute(String name, AttributeType type) {

    public KeyAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A key attribute needs a name");
        }
    }

    public static KeyAttribute string(String name) {
        return new KeyAttribute(name, AttributeType.STRING);
    }

    public static KeyAttribute number(String name) {
        return new KeyAttribute(name, AttributeType.NUMBER);
    }
}
