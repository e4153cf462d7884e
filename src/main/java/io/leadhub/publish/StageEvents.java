package io.leadhub.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.leadhub.enrich.ProfileMerger;
import io.leadhub.personalize.PersonalizationJob;
import io.leadhub.pipeline.OutboxRepository;
import io.leadhub.score.ScoringBatch;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The "announce" step of each stage: the lead.enriched, lead.scored and lead.personalized events of what the stage
 * just stored, written into the outbox. The step runs inside the stage's transaction (the stageTransaction policy
 * around the store and announce steps), so an event exists exactly when the change it reports was committed; the
 * relay (publish-events) passes it on.
 */
@Component
public class StageEvents {

    private final OutboxRepository outbox;

    public StageEvents(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** lead.enriched for each lead of the batch: the signals found and missed. */
    public void enriched(@Body Map<UUID, ProfileMerger.LeadProfile> profiles) {
        profiles.forEach((leadId, profile) ->
                outbox.add(leadId, "lead.enriched", Map.of("signalsFound", profile.found(), "signalsMissed", profile.missed())));
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

    /** lead.personalized for the lead and product just written, with where to read it. */
    public void personalized(@ExchangeProperty("leadhubJob") PersonalizationJob job) {
        outbox.add(job.leadId(), "lead.personalized", Map.of("productId", job.productId(), "generator", job.generator(),
                "insight", "/api/leads/" + job.leadId() + "/insights/" + job.productId(),
                "outreach", "/api/leads/" + job.leadId() + "/outreach?productId=" + job.productId()));
    }
}
