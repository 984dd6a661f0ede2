package dev.fivenines.auth.api;

/** Input that cannot be used: answered with 400 and the field and reason. */
public final class BadRequest extends RuntimeException {

    private final String field;

    public BadRequest(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Runs a check that throws IllegalArgumentException and names the field it was about. */
    public static <T> T check(String field, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(field, e.getMessage());
        }
    }
}
