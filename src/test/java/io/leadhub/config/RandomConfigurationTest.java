package io.leadhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** leadhub.random-seed makes the hub's randomness repeat; unset, it is random. */
class RandomConfigurationTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(RandomConfiguration.class);

    private static java.util.List<Long> draws(RandomGenerator random) {
        return IntStream.range(0, 10).mapToObj(i -> random.nextLong(1_000_000)).toList();
    }

    @Test
    void aSeedGivesTheSameDrawsAsThatSeed() {
        hub.withPropertyValues("leadhub.random-seed=7").run(context -> {
            var random = context.getBean(RandomGenerator.class);
            assertThat(draws(random)).isEqualTo(draws(new Random(7)));
        });
    }

    @Test
    void noSeedIsThreadLocalRandom() {
        hub.run(context -> assertThat(context.getBean(RandomGenerator.class)).isSameAs(ThreadLocalRandom.current()));
        // application.yaml documents the property with an empty value
        hub.withPropertyValues("leadhub.random-seed=").run(context ->
                assertThat(context.getBean(RandomGenerator.class)).isSameAs(ThreadLocalRandom.current()));
    }
}
