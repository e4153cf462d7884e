package io.leadhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.NotifyBuilder;

/**
 * Waits on a route's own completion instead of polling what it leaves behind: a Camel {@link NotifyBuilder}, made
 * before the action that starts the route, done once the route has finished (completed or failed) the first
 * exchange it took in from its own consumer (a queue, the inbox, a timer, a Quartz job, an aggregator's batch)
 * that matches. What the route did is then all there, and the test asserts it at once.
 */
public final class RouteDone {

    private final NotifyBuilder notify;
    private final String routeId;

    private RouteDone(NotifyBuilder notify, String routeId) {
        this.notify = notify;
        this.routeId = routeId;
    }

    /**
     * Watches the route for the first exchange that matches {@code which} as it comes in (a route changes its
     * message as it goes: the test is made on the message as the route received it). Only that exchange counts:
     * the copies a split or a circuit breaker makes of it later are exchanges of the same route too, and finish
     * before it does.
     */
    public static RouteDone watch(CamelContext camel, String routeId, Predicate which) {
        var watched = new AtomicReference<String>();
        Predicate theOne = exchange -> {
            if (watched.get() == null && which.matches(exchange)) {
                watched.compareAndSet(null, exchange.getExchangeId());
            }
            return exchange.getExchangeId().equals(watched.get());
        };
        return new RouteDone(new NotifyBuilder(camel).fromRoute(routeId).filter(theOne).whenDone(1).create(), routeId);
    }

    /** An exchange whose body (a lead id, a list of them) names the text. */
    public static Predicate naming(String text) {
        return exchange -> String.valueOf(exchange.getMessage().getBody()).contains(text);
    }

    /** Any exchange of the route (one nothing else starts meanwhile: a Quartz job, a queue only the test feeds). */
    public static Predicate any() {
        return exchange -> true;
    }

    /** A file of the inbox, by its name. */
    public static Predicate file(String name) {
        return exchange -> name.equals(exchange.getMessage().getHeader(Exchange.FILE_NAME));
    }

    /** Until the route has finished the exchange; fails the test after {@code within}. The watch is removed either way. */
    public void await(Duration within) {
        try {
            assertThat(notify.matches(within.toMillis(), TimeUnit.MILLISECONDS))
                    .as("route %s finished the exchange within %s", routeId, within).isTrue();
        } finally {
            notify.destroy();
        }
    }
}
