package dev.fivenines.operator.status;

import dev.fivenines.operator.events.EventReason;

/** Something that changed between two statuses, worth an Event. */
public record Transition(EventReason reason, String message) {
}
