package io.leadhub.enrich;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Collects lead ids from the received queue into one batch (a list in the first exchange). */
@Component
public class LeadIdBatch implements AggregationStrategy {

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        var id = newExchange.getMessage().getBody(String.class);
        if (oldExchange == null) {
            var ids = new ArrayList<String>();
            ids.add(id);
            newExchange.getMessage().setBody(ids);
            return newExchange;
        }
        oldExchange.getMessage().getBody(List.class).add(id);
        return oldExchange;
    }
}
