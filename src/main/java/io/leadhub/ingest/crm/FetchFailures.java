package io.leadhub.ingest.crm;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Split aggregation for CRM fetches: remembers on the incoming request which fetches failed, so that after the
 * split the request can be answered 503 and the vendor retries (the fetches that succeeded are stored and
 * their events marked, so the retry costs only what failed).
 */
@Component
public class FetchFailures implements AggregationStrategy {

    public static final String PROPERTY = "leadhubFetchFailures";

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        return oldExchange == null ? newExchange : oldExchange;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange, Exchange inputExchange) {
        var failure = newExchange.getException() != null ? newExchange.getException()
                : newExchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure != null) {
            var failures = inputExchange.getProperty(PROPERTY, List.class);
            if (failures == null) {
                failures = new ArrayList<Exception>();
                inputExchange.setProperty(PROPERTY, failures);
            }
            failures.add(failure);
            newExchange.setException(null);
        }
        return aggregate(oldExchange, newExchange);
    }

    /** Throws the first failure, if any fetch failed, so the whole delivery is answered with a retryable status. */
    public void rethrow(Exchange exchange) throws Exception {
        List<Exception> failures = exchange.getProperty(PROPERTY, List.class);
        if (failures != null && !failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
