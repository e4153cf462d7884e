package io.leadhub.ingest.file;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.springframework.stereotype.Component;

/**
 * The inbox consumer's poll strategy (route ingest-file-drop): remembers when the inbox was last polled and when
 * a file last made progress, so that {@link InboxHealth} can tell a poller that died (its scheduled task ended
 * by an error, the route still "Started") from one that is busy with a large file.
 */
@Component
public class InboxPollWatch extends DefaultPollingConsumerPollStrategy {

    private final Clock clock;
    private final AtomicReference<Instant> lastSign;

    public InboxPollWatch(Clock clock) {
        this.clock = clock;
        this.lastSign = new AtomicReference<>(clock.instant());
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        touch();
        return super.begin(consumer, endpoint);
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        touch();
        super.commit(consumer, endpoint, polledMessages);
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) throws Exception {
        touch();
        return super.rollback(consumer, endpoint, retryCounter, e);
    }

    /** A sign of life: a poll began or ended, or a file being read stored a chunk. */
    public void touch() {
        lastSign.set(clock.instant());
    }

    public Instant lastSign() {
        return lastSign.get();
    }
}
