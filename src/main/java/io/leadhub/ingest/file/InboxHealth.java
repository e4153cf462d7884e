package io.leadhub.ingest.file;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * /actuator/health component "inbox": DOWN when the file-drop consumer (route ingest-file-drop) is not started,
 * or when it has shown no sign of life (a poll, a chunk of a file stored) for leadhub.inbox.max-poll-silence:
 * then files dropped into the inbox are not being read, and an orchestrator should restart the hub.
 */
@Component("inboxHealthIndicator")
public class InboxHealth extends AbstractHealthIndicator {

    static final String ROUTE = "ingest-file-drop";

    private final CamelContext camel;
    private final InboxPollWatch watch;
    private final Clock clock;
    private final Duration maxSilence;

    public InboxHealth(CamelContext camel, InboxPollWatch watch, Clock clock, InboxProperties inbox) {
        this.camel = camel;
        this.watch = watch;
        this.clock = clock;
        this.maxSilence = inbox.maxPollSilence();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var status = camel.getRouteController().getRouteStatus(ROUTE);
        var silence = Duration.between(watch.lastSign(), clock.instant());
        builder.withDetail("route", ROUTE).withDetail("routeStatus", status == null ? "absent" : status.name())
                .withDetail("lastPollOrProgress", watch.lastSign().toString());
        if (status != ServiceStatus.Started) {
            builder.down().withDetail("reason", "the inbox consumer is not running, dropped files are not read");
        } else if (silence.compareTo(maxSilence) > 0) {
            builder.down().withDetail("reason", "no poll of the inbox for " + silence.toSeconds()
                    + " s (leadhub.inbox.max-poll-silence " + maxSilence.toSeconds() + " s): the poller has stopped");
        } else {
            builder.up();
        }
    }
}
