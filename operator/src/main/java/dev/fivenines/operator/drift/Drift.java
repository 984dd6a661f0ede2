package dev.fivenines.operator.drift;

/** One managed field whose live value differs from what the operator declared. */
public record Drift(String kind, String name, String field, String declared, String found) {

    public static Drift missing(String kind, String name) {
        return new Drift(kind, name, "(object)", "present", "deleted");
    }

    public String describe() {
        if ("(object)".equals(field)) {
            return kind + " " + name + " was deleted";
        }
        return kind + " " + name + " field " + field + " was " + found + ", declared " + declared;
    }
}
