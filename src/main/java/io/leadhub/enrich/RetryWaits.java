package io.leadhub.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

import org.springframework.stereotype.Component;

/**
 * How long to wait before the next attempt of a provider call: what the vendor asked for in Retry-After, else an
 * exponential backoff with jitter drawn from the hub's injected random source (leadhub.random-seed makes it
 * repeatable).
 */
@Component
public class RetryWaits {

    private final Clock clock;
    private final RandomGenerator random;

    public RetryWaits(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** Retry-After if the vendor sent a readable one, else the jittered backoff of this attempt. */
    long waitMillis(String retryAfter, Duration backoff, int attempt) {
        var asked = retryAfterMillis(retryAfter);
        return asked >= 0 ? asked : backoffMillis(backoff, attempt);
    }

    /**
     * The backoff doubled per attempt (1, 2, 4 ... times {@code backoff}), of which a random half to all is
     * waited: the jitter keeps instances that failed together from retrying together.
     */
    long backoffMillis(Duration backoff, int attempt) {
        long base = backoff.toMillis() << (attempt - 1);
        return base / 2 + random.nextLong(base / 2 + 1);
    }

    /** Retry-After in seconds or as an HTTP date; -1 when absent or unreadable. */
    long retryAfterMillis(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return (long) (Double.parseDouble(value.strip()) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, at.toEpochMilli() - Instant.now(clock).toEpochMilli());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
