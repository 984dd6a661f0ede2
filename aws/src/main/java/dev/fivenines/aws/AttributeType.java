package dev.fivenines.aws;

/** Type of a key attribute. */
public enum AttributeType {
    STRING("S"), NUMBER("N"), BINARY("B");

    private final String code;

    AttributeType(String code) {
        this.code = code;
    }

    /** DynamoDB's one-letter code. */
    public String code() {
        return code;
    }

    public static AttributeType fromCode(String code) {
        for (AttributeType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown attribute type " + code);
    }
}
