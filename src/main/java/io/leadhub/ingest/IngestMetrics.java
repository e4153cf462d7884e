package io.leadhub.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** leadhub.leads.received / accepted / rejected per source kind (api, hubspot, file, poll, ...). */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(@Body IngestOutcome outcome, @Header("leadhubSource") String source) {
        var tag = source == null ? "unknown" : source;
        counter("leadhub.leads.received", tag).increment(outcome.accepted().size() + outcome.rejected().size());
        counter("leadhub.leads.accepted", tag).increment(outcome.accepted().size());
        counter("leadhub.leads.rejected", tag).increment(outcome.rejected().size());
    }

    private Counter counter(String name, String source) {
        return Counter.builder(name).tag("source", source).register(registry);
    }
}
