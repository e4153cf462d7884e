package io.leadhub.score;

import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/** The "model" step of scoring: each lead's conversion probability beside its rule score, when a model exists. */
@Component
public class ConversionScorer {

    private final ConversionModels models;
    private final ScoringRulesStore rules;

    public ConversionScorer(ConversionModels models, ScoringRulesStore rules) {
        this.models = models;
        this.rules = rules;
    }

    public ScoringBatch predict(@Body ScoringBatch batch) {
        var byWorkspace = new java.util.HashMap<String, java.util.Optional<ConversionModels.Loaded>>();
        for (var lead : batch.leads()) {
            byWorkspace.computeIfAbsent(lead.workspace(), models::current).ifPresent(model ->
                    lead.probability(Math.round(model.model().probability(ModelFeatures.of(lead, rules.current(lead.workspace()).rules()))
                            * 10_000) / 10_000.0, model.version()));
        }
        return batch;
    }
}
