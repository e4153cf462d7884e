package io.leadhub.score;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scoring stage (leadhub.scoring.*): rules, temperature, decay, fit and the conversion model.
 *
 * @param enabled            off: enriched leads stay 'enriched'
 * @param rulesDir           &lt;workspace&gt;.yaml files here replace the default rules for that workspace; reloaded when
 *                           they change
 * @param rulesCheckInterval how often rules-dir is checked for changes
 * @param handoffUri         seda mode: where hot and warm leads go next (a list of lead ids per batch): personalization
 * @param rescoreBatchSize   leads per step of a background re-score
 * @param maxBatchesInFlight scoring batches at work at once (a re-score job holds one while it runs); the queue waits
 *                           beyond that
 * @param model              the conversion model
 */
@ConfigurationProperties("leadhub.scoring")
public record ScoringProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("config/scoring") Path rulesDir,
        @DefaultValue("10s") Duration rulesCheckInterval,
        @DefaultValue("seda:leads-qualified?size=10000&blockWhenFull=true") String handoffUri,
        @DefaultValue("500") int rescoreBatchSize,
        @DefaultValue("2") int maxBatchesInFlight,
        @DefaultValue Model model) {

    /**
     * The conversion model: trained once enough outcomes (converted / lost events) exist.
     *
     * @param minimumOutcomes converted + lost leads needed before a model is trained
     * @param testFraction    share of the outcomes held out to measure AUC and calibration
     * @param seed            seed of the split and the training, so a retraining on the same data gives the same model
     * @param trainCron       Quartz cron of the scheduled retraining
     */
    public record Model(
            @DefaultValue("50") int minimumOutcomes,
            @DefaultValue("0.25") double testFraction,
            @DefaultValue("42") long seed,
            @DefaultValue("0 0 3 * * ?") String trainCron) {
    }
}
