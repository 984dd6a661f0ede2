package dev.fivenines.auth.api;

/**
 * Numbers in query parameters, read here rather than by the framework, so one that does not convert is a 400 naming the
 * parameter (JAX-RS would answer 404).
 */
final class QueryNumbers {

    private QueryNumbers() {
    }

    /** The parameter as a number; null when absent or empty. */
    static Long longValue(String field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw new BadRequest(field, "a whole number, not " + JsonFields.shorten(text));
        }
    }

    static Integer intValue(String field, String text) {
        Long value = longValue(field, text);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new BadRequest(field, "out of range: " + value);
        }
        return value.intValue();
    }
}
