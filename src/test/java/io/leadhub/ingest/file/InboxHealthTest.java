package io.leadhub.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import io.leadhub.config.BoundProperties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** A poller whose scheduled task died leaves its route "Started": the silence since its last poll tells. */
class InboxHealthTest {

    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    @Test
    void downWhenTheLastPollIsOlderThanTheAllowedSilence() throws Exception {
        try (var camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:inbox").routeId(InboxHealth.ROUTE).log("x");
                }
            });
            camel.start();
            var properties = BoundProperties.of(InboxProperties.class, "max-poll-silence", "2m");
            var watch = new InboxPollWatch(clock);
            var health = new InboxHealth(camel, watch, clock, properties);

            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            now = now.plusSeconds(121);
            var stale = health.health();
            assertThat(stale.getStatus()).isEqualTo(Status.DOWN);
            assertThat(stale.getDetails().get("reason").toString()).contains("no poll of the inbox for 121 s");
            watch.touch(); // a chunk of a large file stored: alive
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        }
    }
}
