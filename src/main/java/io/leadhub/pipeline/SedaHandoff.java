package io.leadhub.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seda mode's hand-off to a stage's in-process queue. Each lead is claimed as queued first (StageLeaseRepository), so a
 * lead already waiting in the queue or being worked on is not queued twice. Who may wait while the queue is full:
 * a file being read (header leadhubSource = file) and a stage handing on its batch (property leadhubStage) — that
 * is the back-pressure from the providers to the reader; so may a Kafka input consumer and a caller that names no
 * source (a re-enrichment asked through the API: its leads are past 'received', where no sweep would find them).
 * The API's, webhooks' and polls' new leads and the sweeps (header leadhubSource = sweep) do not wait: their leads
 * are stored as 'received', so what does not fit keeps no lease and the sweep hands it on later.
 * The received queue takes one lead id per message (the enrichment stage gathers them into batches); the later
 * queues take the batch as one list.
 */
@Component
class SedaHandoff {

    private static final Logger log = LoggerFactory.getLogger(SedaHandoff.class);

    private final StageLeaseRepository leases;
    private final CamelContext camel;
    private final ProducerTemplate producer;

    public SedaHandoff(StageLeaseRepository leases, CamelContext camel, ProducerTemplate producer) {
        this.leases = leases;
        this.camel = camel;
        this.producer = producer;
    }

    /** Hands the lead ids in the body (one or a list) to the stage's queue. */
    public void send(StageQueue queue, Object body, String source, String fromStage) {
        if (!queue.enabled().getAsBoolean()) {
            // the stage is off: nothing is queued (or leased); its sweep hands the leads on once it is on
            return;
        }
        var mayWait = mayWait(source, fromStage);
        if (!queue.oneLeadPerMessage()) {
            batch(queue.stage(), queue.sedaOut(), body, mayWait);
            return;
        }
        var queued = leases.claimQueued(queue.stage(), StageQueues.leadIds(body));
        var left = new ArrayList<String>();
        for (int i = 0; i < queued.size(); i++) {
            if (!send(queue.sedaOut(), queued.get(i), mayWait)) {
                left.addAll(queued.subList(i, queued.size()));
                break;
            }
        }
        leftToSweep(queue.stage(), left, queued.size());
    }

    private static boolean mayWait(String source, String fromStage) {
        return fromStage != null || source == null || "file".equals(source) || "kafka".equals(source);
    }

    private void batch(String stage, String uri, Object body, boolean mayWait) {
        var queued = leases.claimQueued(stage, StageQueues.leadIds(body));
        if (!queued.isEmpty() && !send(uri, queued, mayWait)) {
            leftToSweep(stage, queued, queued.size());
        }
    }

    /** Sends, waiting while the queue is full if the caller may wait; false when it did not go. */
    private boolean send(String uri, Object body, boolean mayWait) {
        if (!mayWait && camel.getEndpoint(uri) instanceof SedaEndpoint seda && seda.getQueue().remainingCapacity() == 0) {
            return false;
        }
        try {
            producer.sendBody(uri, body);
            return true;
        } catch (RuntimeException e) {
            // a queue configured without blockWhenFull refuses when full: the lead stays stored, for the sweep
            log.warn("Could not queue on {}: {}", uri, e.getMessage());
            return false;
        }
    }

    private void leftToSweep(String stage, List<String> left, int claimed) {
        if (left.isEmpty()) {
            return;
        }
        leases.release(stage, left);
        log.info("{}: the queue is full; {} of {} lead(s) stay stored for the sweep to hand on", stage, left.size(), claimed);
    }
}
