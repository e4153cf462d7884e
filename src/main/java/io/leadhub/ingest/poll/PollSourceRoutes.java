package io.leadhub.ingest.poll;

import io.leadhub.config.LeadhubProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** One route per configured source (leadhub.sources.*), each an instance of the poll-source template in routes/. */
@Component
public class PollSourceRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PollSourceRoutes.class);

    private final LeadhubProperties properties;
    private final SourcePolls polls;

    public PollSourceRoutes(LeadhubProperties properties, SourcePolls polls) {
        this.properties = properties;
        this.polls = polls;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        properties.getSources().forEach((name, source) -> {
            if (!source.isEnabled()) {
                log.info("Source {} is disabled", name);
                return;
            }
            if (!"hubspot".equals(source.getType()) && (source.getUrl() == null || source.getUrl().isBlank())) {
                throw new IllegalStateException("leadhub.sources." + name + ".url is not set");
            }
            TemplatedRouteBuilder.builder(camelContext, "poll-source")
                    .routeId("poll-source-" + name)
                    .parameter("sourceName", name)
                    .parameter("cron", source.getCron())
                    .parameter("endpoint", polls.endpointFor(source))
                    .add();
            log.info("Source {} ({}) polls on cron '{}'", name, source.getType(), source.getCron());
        });
    }
}
