package io.leadhub.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.leadhub.config.RequestRejectedException;

/**
 * The Idempotency-Key a client sends with POST /api/leads: checked (printable ASCII, bounded length) before it
 * becomes a delivery ref, and the request body hashed, so a repeat can be told from a different request that
 * reuses the key.
 */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** The key to use (stripped), or null when the client sent none. */
    static String check(String key, int maxLength) {
        if (key == null || key.isBlank()) {
            return null;
        }
        var stripped = key.strip();
        if (stripped.length() > maxLength) {
            throw new RequestRejectedException(400, "Idempotency-Key is " + stripped.length()
                    + " characters long; the limit is " + maxLength + " (leadhub.api.max-idempotency-key-length)");
        }
        for (int i = 0; i < stripped.length(); i++) {
            var c = stripped.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new RequestRejectedException(400, "Idempotency-Key may hold printable ASCII characters only"
                        + " (a UUID is a good key); character " + (i + 1) + " is not one");
            }
        }
        return stripped;
    }

    /** SHA-256 of the body as sent, in hex. */
    static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
