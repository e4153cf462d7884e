package io.leadhub.enrich;

/** The retry state of one provider call, read by the route's loop and delay steps. */
public final class Attempt {

    private final long startedNanos = System.nanoTime();
    private int number;
    private boolean again = true;
    private long delayMillis;

    /** @param initialDelayMillis a pause the provider's rate-limit headers asked for before the first call */
    Attempt(long initialDelayMillis) {
        this.delayMillis = Math.max(0, initialDelayMillis);
    }

    public boolean again() {
        return again;
    }

    public long delayMillis() {
        return delayMillis;
    }

    public int number() {
        return number;
    }

    void start() {
        number++;
        again = false;
    }

    /** A poll of an async run after the given wait; polls do not count against the retries. */
    void followUp(long waitMillis) {
        number--;
        again = true;
        delayMillis = Math.max(0, waitMillis);
    }

    /** A redirect to follow at once; it does not count against the retries. */
    void redirected() {
        number--;
        again = true;
        delayMillis = 0;
    }

    void retryAfter(long millis) {
        again = true;
        delayMillis = millis;
    }

    /** Since the call began (its first attempt), waits and redirects included. */
    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
