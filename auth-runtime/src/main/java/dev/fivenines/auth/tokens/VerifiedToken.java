package dev.fivenines.auth.tokens;

import java.time.Instant;
import java.util.List;

/** What a verified token says. */
public record VerifiedToken(String tenant, String subject, List<String> audience, String jti, Instant expiresAt, String scope) {
}
