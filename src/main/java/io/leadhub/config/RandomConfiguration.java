package io.leadhub.config;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Randomness comes from one injected source (as time comes from the Clock), so a test can make it repeat.
 * {@code leadhub.random-seed} set: a {@link Random} with that seed (thread-safe; the same draws in the same order
 * give the same values). Unset: {@link ThreadLocalRandom}, one per thread, as fast as no injection at all.
 */
@Configuration(proxyBeanMethods = false)
public class RandomConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RandomGenerator random(@Value("${leadhub.random-seed:#{null}}") Long seed) {
        return seed != null ? new Random(seed) : ThreadLocalRandom.current();
    }
}
