package io.leadhub.config;

import java.util.function.IntSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * A fixed-size Camel thread pool profile that routes name in {@code executorService}. (A Spring ExecutorService
 * bean would be taken by platform-http as its executor, so the stages' pools are Camel profiles.)
 */
public final class CamelThreadPools {

    private CamelThreadPools() {
    }

    public static CamelContextConfiguration profile(String name, IntSupplier threads) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                var size = Math.max(1, threads.getAsInt());
                var profile = new ThreadPoolProfile(name);
                profile.setPoolSize(size);
                profile.setMaxPoolSize(size);
                profile.setMaxQueueSize(10_000);
                camel.getExecutorServiceManager().registerThreadPoolProfile(profile);
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }
}
