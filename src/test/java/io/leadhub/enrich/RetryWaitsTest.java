package io.leadhub.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The wait before a retry: Retry-After when the vendor sent one, else a backoff whose jitter the injected source decides. */
class RetryWaitsTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Duration BACKOFF = Duration.ofMillis(500);

    /** A source that always draws the same fraction of its bound. */
    private static RandomGenerator drawing(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return (long) ((bound - 1) * fraction);
            }
        };
    }

    @Test
    void theInjectedSourceDecidesTheJitter() {
        // the lowest draw waits half the backoff, the highest all of it; attempt n doubles the backoff n-1 times
        assertThat(new RetryWaits(NOON, drawing(0)).backoffMillis(BACKOFF, 1)).isEqualTo(250);
        assertThat(new RetryWaits(NOON, drawing(1)).backoffMillis(BACKOFF, 1)).isEqualTo(500);
        assertThat(new RetryWaits(NOON, drawing(0)).backoffMillis(BACKOFF, 3)).isEqualTo(1000);
        assertThat(new RetryWaits(NOON, drawing(1)).backoffMillis(BACKOFF, 3)).isEqualTo(2000);
    }

    @Test
    void aSeededSourceRepeatsItsWaits() {
        var first = waits(new RetryWaits(NOON, new Random(42)));
        var again = waits(new RetryWaits(NOON, new Random(42)));
        var otherSeed = waits(new RetryWaits(NOON, new Random(43)));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).allSatisfy(wait -> assertThat(wait).isBetween(250L, 500L));
        // exactly the seeded source's draws: half the backoff plus a draw below half of it plus one
        var seeded = new Random(42);
        assertThat(first).containsExactlyElementsOf(IntStream.range(0, first.size())
                .mapToObj(i -> 250 + seeded.nextLong(251)).toList());
    }

    private static java.util.List<Long> waits(RetryWaits waits) {
        return IntStream.range(0, 20).mapToObj(i -> waits.waitMillis(null, BACKOFF, 1)).toList();
    }

    @Test
    void retryAfterInSecondsOrAsADateWinsOverTheBackoff() {
        var waits = new RetryWaits(NOON, drawing(0));

        assertThat(waits.waitMillis("2", BACKOFF, 1)).isEqualTo(2000);
        assertThat(waits.waitMillis(" 0.5 ", BACKOFF, 1)).isEqualTo(500);
        assertThat(waits.waitMillis("Tue, 01 Dec 2026 12:00:07 GMT", BACKOFF, 1)).isEqualTo(7000);
        assertThat(waits.retryAfterMillis("Tue, 01 Dec 2026 11:59:00 GMT")).isZero(); // a date past: at once
        // absent or unreadable: the backoff
        assertThat(waits.retryAfterMillis(null)).isEqualTo(-1);
        assertThat(waits.retryAfterMillis("soon")).isEqualTo(-1);
        assertThat(waits.waitMillis("soon", BACKOFF, 2)).isEqualTo(500);
        assertThat(waits.waitMillis("", BACKOFF, 1)).isEqualTo(250);
    }
}
