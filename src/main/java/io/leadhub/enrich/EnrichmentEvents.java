package io.leadhub.enrich;

import java.util.Map;
import java.util.UUID;
import io.leadhub.pipeline.OutboxRepository;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * The enrichment stage's "announce" step: lead.enriched for each lead of the batch stored, into the outbox. The step runs inside the stage's transaction (the stageTransaction policy around the store and announce
 * steps), so an event exists exactly when the change it reports was committed; the relay (publish-events) passes
 * it on.
 */
@Component
public class EnrichmentEvents {

    private final OutboxRepository outbox;

    public EnrichmentEvents(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** lead.enriched for each lead of the batch: the signals found and missed. */
    public void enriched(@Body Map<UUID, ProfileMerger.LeadProfile> profiles) {
        profiles.forEach((leadId, profile) ->
                outbox.add(leadId, "lead.enriched", Map.of("signalsFound", profile.found(), "signalsMissed", profile.missed())));
    }
}
