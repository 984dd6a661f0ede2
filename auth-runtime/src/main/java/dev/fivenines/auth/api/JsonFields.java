package dev.fivenines.auth.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Names the field of a JSON body a reading failure was at ({@code permissions[2]}, {@code version}). */
final class JsonFields {

    private static final int MAX_REASON = 300;

    private JsonFields() {
    }

    static String path(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    /** A reason short enough for an answer (a reason may quote what the caller sent). */
    static String shorten(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }
}
