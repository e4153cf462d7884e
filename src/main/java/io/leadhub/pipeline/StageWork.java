package io.leadhub.pipeline;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first step of every stage's batch (enrich-batch, score, personalize), the same for all three: wait for one
 * of the stage's slots (leadhub.enrichment / scoring / personalization .max-batches-in-flight), then, for work
 * that came through the stage's queue (property leadhubHandedOff), claim its leads as 'working' and go on with
 * those claimed only (a lead another batch is working on is being done). The slot and the leases are given back
 * when the batch's exchange completes, stored or kept as a dead letter. Waiting for a slot holds up whoever hands
 * the batch on (the queue's consumer), so the queue fills and its producers wait in turn: back-pressure from
 * the providers to the readers, with no thread holding a transaction. Work asked for on demand (header
 * leadhubOnDemand: the API's "now", a dead letter's replay) is its caller's: no slot, no lease.
 */
@Component
public class StageWork {

    private static final Logger log = LoggerFactory.getLogger(StageWork.class);

    private final StageLeaseRepository leases;
    private final Map<String, Slots> stages;

    /** One stage's slots, and how many are taken now and at most since the start. */
    static final class Slots {
        final Semaphore free;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        Slots(int size) {
            this.free = new Semaphore(Math.max(1, size), true);
        }
    }

    public StageWork(StageLeaseRepository leases, StageSettings settings, MeterRegistry meters) {
        this.leases = leases;
        this.stages = Map.of(
                "enrich", new Slots(settings.stage("enrich").maxBatchesInFlight()),
                "score", new Slots(settings.stage("score").maxBatchesInFlight()),
                "personalize", new Slots(settings.stage("personalize").maxBatchesInFlight()));
        stages.forEach((stage, slots) -> {
            Gauge.builder("leadhub.stage.batches.in.flight", slots.inFlight, AtomicInteger::get)
                    .tag("stage", stage).description("batches of the stage at work now").register(meters);
            Gauge.builder("leadhub.stage.batches.in.flight.peak", slots.peak, AtomicInteger::get)
                    .tag("stage", stage).description("the most batches of the stage at work at once since the start").register(meters);
        });
    }

    /** Returns the lead ids the batch goes on with. */
    public List<String> begin(Exchange exchange) {
        var stage = exchange.getProperty("leadhubStage", String.class);
        var ids = ids(exchange.getMessage().getBody());
        if (exchange.getMessage().getHeader("leadhubOnDemand") != null) {
            return ids;
        }
        var slots = stages.get(stage);
        if (slots == null) {
            throw new IllegalArgumentException("no such stage: " + stage);
        }
        // an exchange that runs the stage again and again (a re-score job, page by page) keeps the one slot it took
        var holding = "leadhubSlot." + stage;
        if (exchange.getProperty(holding) == null) {
            try {
                slots.free.acquire();
            } catch (InterruptedException e) {
                // the hub is stopping: the batch is not started and not failed (no dead letter); its leases lapse and
                // the sweep hands its leads on after the restart (Kafka: its offsets are not committed)
                Thread.currentThread().interrupt();
                log.info("{}: stopping; a waiting batch of {} lead(s) is left to the sweep", stage, ids.size());
                exchange.setRouteStop(true);
                return List.of();
            }
            var now = slots.inFlight.incrementAndGet();
            slots.peak.accumulateAndGet(now, Math::max);
            exchange.setProperty(holding, true);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange ended) {
                    done(slots);
                }
            });
        }
        if (!Boolean.TRUE.equals(exchange.getProperty("leadhubHandedOff", Boolean.class))) {
            return ids;
        }
        var claimed = leases.claimWorking(stage, ids);
        if (claimed.size() < ids.size()) {
            log.info("{}: {} of {} lead(s) of the batch are worked on by another batch; left to it",
                    stage, ids.size() - claimed.size(), ids.size());
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange ended) {
                release(stage, claimed);
            }
        });
        return claimed;
    }

    /** Given back once more if the first try fails (a lock conflict): a lease left behind is refreshed until the hub stops. */
    private void release(String stage, List<String> claimed) {
        for (int attempt = 1; ; attempt++) {
            try {
                leases.release(stage, claimed);
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    log.warn("{}: could not release the leases of a finished batch: {}", stage, e.toString());
                    return;
                }
            }
        }
    }

    private static void done(Slots slots) {
        slots.inFlight.decrementAndGet();
        slots.free.release();
    }

    /** Batches of a stage at work now. */
    public int inFlight(String stage) {
        return stages.get(stage).inFlight.get();
    }

    private static List<String> ids(Object body) {
        if (body instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).distinct().toList();
        }
        return body == null ? List.of() : List.of(String.valueOf(body));
    }
}
