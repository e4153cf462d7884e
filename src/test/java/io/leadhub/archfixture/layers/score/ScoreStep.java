package io.leadhub.archfixture.layers.score;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixture for ArchitectureTest: a step bean with SQL of its own (not a repository). */
public class ScoreStep {
    JdbcClient jdbc;
    ScoreRepository repository;
}
