package io.leadhub.archfixture.layers.config;

import io.leadhub.archfixture.layers.score.ScoreStep;

/** Fixture for ArchitectureTest: configuration that imports a feature. */
public class FixtureSettings {
    ScoreStep score;
}
