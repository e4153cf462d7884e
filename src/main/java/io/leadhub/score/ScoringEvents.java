package io.leadhub.score;

import java.util.LinkedHashMap;
import io.leadhub.pipeline.OutboxRepository;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * The scoring stage's "announce" step: lead.scored for each lead whose score changed, into the outbox. The step runs inside the stage's transaction (the stageTransaction policy around the store and announce
 * steps), so an event exists exactly when the change it reports was committed; the relay (publish-events) passes
 * it on.
 */
@Component
public class ScoringEvents {

    private final OutboxRepository outbox;

    public ScoringEvents(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** lead.scored for each lead whose score, tier, rules or probability changed (the ones given a history row). */
    public void scored(@Body ScoringBatch batch) {
        for (var lead : batch.leads()) {
            if (!lead.changed()) {
                continue;
            }
            var event = new LinkedHashMap<String, Object>();
            event.put("score", lead.card().total());
            event.put("tier", lead.card().tier());
            event.put("previousTier", lead.previousTier());
            event.put("probability", lead.probability());
            event.put("reason", batch.reason());
            event.put("bestProduct", lead.facts().get("fit.product"));
            outbox.add(lead.leadId(), "lead.scored", event);
        }
    }
}
