package dev.fivenines.auth.authz;

/**
 * The answer to "may this subject do this permission on this resource", with the reason: the record and
 * role that allowed it, or why nothing did.
 */
public record Decision(boolean allowed, String reason, String recordId, String role) {

    static Decision allow(AccessRecord record, String permission, String resource, Subject asked) {
        String via = record.subject().equals(asked) ? "" : " (" + asked + " is a member)";
        return new Decision(true, "access record " + record.id() + " grants role " + record.role() + " on " + record.resource()
                + " to " + record.subject() + via + ", and " + record.role() + " includes " + permission, record.id(), record.role());
    }

    static Decision deny(String reason) {
        return new Decision(false, reason, null, null);
    }
}
