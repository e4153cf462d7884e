package io.leadhub.enrich;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Collects lead ids from the received queue (one id, or a list, per message) into one batch (a list in the first exchange). */
@Component
public class LeadIdBatch implements AggregationStrategy {

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        var body = newExchange.getMessage().getBody();
        var ids = body instanceof List<?> many ? many.stream().map(String::valueOf).toList() : List.of(String.valueOf(body));
        if (oldExchange == null) {
            newExchange.getMessage().setBody(new ArrayList<>(ids));
            return newExchange;
        }
        oldExchange.getMessage().getBody(List.class).addAll(ids);
        return oldExchange;
    }
}
