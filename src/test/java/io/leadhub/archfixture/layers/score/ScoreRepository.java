package io.leadhub.archfixture.layers.score;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixture for ArchitectureTest: SQL where it belongs. */
public class ScoreRepository {
    JdbcClient jdbc;
}
