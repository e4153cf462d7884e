package io.leadhub.personalize;

import java.util.Map;
import io.leadhub.pipeline.OutboxRepository;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The personalization stage's "announce" step: lead.personalized for the lead and product just written, into the outbox. The step runs inside the stage's transaction (the stageTransaction policy around the store and announce
 * steps), so an event exists exactly when the change it reports was committed; the relay (publish-events) passes
 * it on.
 */
@Component
public class PersonalizationEvents {

    private final OutboxRepository outbox;

    public PersonalizationEvents(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** lead.personalized for the lead and product just written, with where to read it. */
    public void personalized(@ExchangeProperty("leadhubJob") PersonalizationJob job) {
        outbox.add(job.leadId(), "lead.personalized", Map.of("productId", job.productId(), "generator", job.generator(),
                "insight", "/api/leads/" + job.leadId() + "/insights/" + job.productId(),
                "outreach", "/api/leads/" + job.leadId() + "/outreach?productId=" + job.productId()));
    }
}
