package io.leadhub.archfixture.layers.enrich;

import io.leadhub.archfixture.layers.score.ScoreStep;

/** Fixture for ArchitectureTest: a stage importing another stage. */
public class EnrichStep {
    ScoreStep score;
}
