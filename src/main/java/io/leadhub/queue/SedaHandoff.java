package io.leadhub.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.leadhub.store.StageLeases;
import io.leadhub.store.StageSettings;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seda mode's hand-off to a stage's in-process queue. Each lead is claimed as queued first (StageLeases), so a
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
public class SedaHandoff {

    private static final Logger log = LoggerFactory.getLogger(SedaHandoff.class);

    private final StageLeases leases;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final StageSettings settings;

    public SedaHandoff(StageLeases leases, CamelContext camel, ProducerTemplate producer, StageSettings settings) {
        this.leases = leases;
        this.camel = camel;
        this.producer = producer;
        this.settings = settings;
    }

    public void received(@Body Object body, @Header("leadhubSource") String source, @ExchangeProperty("leadhubStage") String from) {
        if (!settings.stage("enrich").enabled()) {
            return; // the stage is off: the leads stay 'received' until it is on, then its sweep hands them on
        }
        var queued = leases.claimQueued("enrich", ids(body));
        var uri = settings.stage("enrich").queueUri();
        var mayWait = mayWait(source, from);
        var left = new ArrayList<String>();
        for (int i = 0; i < queued.size(); i++) {
            if (!send(uri, queued.get(i), mayWait)) {
                left.addAll(queued.subList(i, queued.size()));
                break;
            }
        }
        leftToSweep("enrich", left, queued.size());
    }

    public void enriched(@Body Object body, @Header("leadhubSource") String source, @ExchangeProperty("leadhubStage") String from) {
        if (!settings.stage("score").enabled()) {
            return; // the stage is off: its queue's consumer would drop them, so nothing is queued (or leased)
        }
        batch("score", settings.stage("score").queueUri(), body, mayWait(source, from));
    }

    public void qualified(@Body Object body, @Header("leadhubSource") String source, @ExchangeProperty("leadhubStage") String from) {
        if (!settings.stage("personalize").enabled()) {
            return;
        }
        batch("personalize", settings.stage("personalize").queueUri(), body, mayWait(source, from));
    }

    private static boolean mayWait(String source, String fromStage) {
        return fromStage != null || source == null || "file".equals(source) || "kafka".equals(source);
    }

    private void batch(String stage, String uri, Object body, boolean mayWait) {
        var queued = leases.claimQueued(stage, ids(body));
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

    private static List<String> ids(Object body) {
        if (body instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return body == null ? List.of() : List.of(String.valueOf(body));
    }
}
