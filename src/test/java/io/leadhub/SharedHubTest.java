package io.leadhub;

import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the tests that share one hub: one Spring context, one embedded PostgreSQL for all of them. */
public abstract class SharedHubTest extends HubTestSupport {

    @DynamicPropertySource
    static void sharedHub(DynamicPropertyRegistry registry) {
        hubProperties(registry, Map.of());
    }
}
