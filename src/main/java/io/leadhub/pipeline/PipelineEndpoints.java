package io.leadhub.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The endpoints where Java code and the routes meet (leadhub.endpoints.*): a controller, a sweep or a dead letter's
 * replay sends to the same property the route reads from ({@code from: "{{leadhub.endpoints.score}}"}), so neither
 * side spells a URI of its own. application.yaml lists the defaults.
 *
 * @param handoffReceived      the enrichment stage's way in: leads claimed as queued, then queued (stage-handoff template)
 * @param handoffEnriched      the scoring stage's way in
 * @param handoffQualified     the personalization stage's way in
 * @param enrichLeads          where the enrichment queue's consumer hands what it took (gathered into batches in seda mode)
 * @param enrichBatch          one batch of the enrichment stage (on-demand enrichment and dead-letter replays enter here)
 * @param scoreEnriched        where the scoring queue's consumer hands enriched leads
 * @param score                one batch of the scoring stage (every reason: enriched, activity, rescore, replay)
 * @param scoreRescore         background re-score jobs (one job per message)
 * @param scoreActivity        leads with new activity, re-scored
 * @param personalizeQualified where the personalization queue's consumer hands qualified leads
 * @param personalize          one batch of the personalization stage (on demand, replays, a new product)
 * @param personalizeProduct   a new product: its workspace's qualified leads are written for it
 */
@ConfigurationProperties("leadhub.endpoints")
public record PipelineEndpoints(
        @DefaultValue("direct:handoff-received") String handoffReceived,
        @DefaultValue("direct:handoff-enriched") String handoffEnriched,
        @DefaultValue("direct:handoff-qualified") String handoffQualified,
        @DefaultValue("direct:enrich-leads") String enrichLeads,
        @DefaultValue("direct:enrich-batch") String enrichBatch,
        @DefaultValue("direct:score-enriched") String scoreEnriched,
        @DefaultValue("direct:score") String score,
        @DefaultValue("seda:scoring-rescore") String scoreRescore,
        @DefaultValue("seda:scoring-activity") String scoreActivity,
        @DefaultValue("direct:personalize-qualified") String personalizeQualified,
        @DefaultValue("direct:personalize") String personalize,
        @DefaultValue("seda:personalize-product") String personalizeProduct) {

    /** Where a stage's batch is entered directly (on demand, dead-letter replays), by stage name; null if none. */
    public String stageBatch(String stage) {
        return switch (stage) {
            case "enrich" -> enrichBatch;
            case "score" -> score;
            case "personalize" -> personalize;
            default -> null;
        };
    }
}
