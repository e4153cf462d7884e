package io.leadhub.ingest.poll;

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

    private final SourcesProperties sources;
    private final SourcePolls polls;

    public PollSourceRoutes(SourcesProperties sources, SourcePolls polls) {
        this.sources = sources;
        this.polls = polls;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        sources.sources().forEach((name, source) -> {
            if (!source.enabled()) {
                log.info("Source {} is disabled", name);
                return;
            }
            if (!"hubspot".equals(source.type()) && (source.url() == null || source.url().isBlank())) {
                throw new IllegalStateException("leadhub.sources." + name + ".url is not set");
            }
            TemplatedRouteBuilder.builder(camelContext, "poll-source")
                    .routeId("poll-source-" + name)
                    .parameter("sourceName", name)
                    .parameter("cron", source.cron())
                    .parameter("endpoint", polls.endpointFor(source))
                    .add();
            log.info("Source {} ({}) polls on cron '{}'", name, source.type(), source.cron());
        });
    }
}
