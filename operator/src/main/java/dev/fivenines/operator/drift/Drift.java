package dev.fivenines.operator.drift;

/** One managed field whose live value differs from what the operator declared. */
public record Drift(String kind, String name, String field, String declared, String found) {

    public static Drift missing(String kind, String name) {
        return new Drift(kind, name, "(object)", "present", "deleted");
    }

    /** Something added by hand where the operator declares nothing (an environment variable, a sidecar, a volume, an annotation). */
    public static Drift added(String kind, String name, String field, String found) {
        return new Drift(kind, name, field, ADDED, found);
    }

    static final String ADDED = "(not declared)";

    public String describe() {
        if ("(object)".equals(field)) {
            return kind + " " + name + " was deleted";
        }
        if (ADDED.equals(declared)) {
            return kind + " " + name + " field " + field + " was added (" + found + "), not declared";
        }
        return kind + " " + name + " field " + field + " was " + found + ", declared " + declared;
    }
}
