package io.leadhub.enrich;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The two ends of the HTTP call, both in the provider's own client: it builds the request for the call's open
 * questions (one, or a bulk request), and reads a 2xx answer into a hit or not_found per question.
 */
@Component
public class ProviderHttp {

    private final Providers providers;

    public ProviderHttp(Providers providers) {
        this.providers = providers;
    }

    /**
     * Route step "prepare": the next attempt's HTTP request, on a message cleared of everything but the
     * hub's own leadhub* headers.
     */
    public void prepare(@ExchangeProperty("leadhubCall") ProviderCall call,
                        @ExchangeProperty("leadhubAttempt") Attempt attempt, Exchange exchange) {
        attempt.start();
        var message = exchange.getMessage();
        message.removeHeaders("*", "leadhub*");
        message.setBody(null);
        providers.require(call.provider()).client().request(call.pending(), exchange);
    }

    /**
     * Route step "answer": the client reads the final answer: per question a hit with fields, or not_found (a
     * not-found status reads as no fields). Vendors bill bulk calls per record, so each question carries the
     * per-call cost (and the per-hit cost when it hit).
     */
    public void answer(@ExchangeProperty("leadhubCall") ProviderCall call,
                       @ExchangeProperty("leadhubAttempt") Attempt attempt,
                       @Header(Exchange.HTTP_RESPONSE_CODE) Integer status, Exchange exchange) {
        var provider = providers.require(call.provider());
        var pending = call.pending();
        var body = exchange.getMessage().getBody(String.class);
        var fieldsPerRequest = status != null && status >= 300
                ? pending.stream().map(r -> Map.<String, Object>of()).toList()
                : provider.client().answers(pending, status == null ? 0 : status, body, exchange.getMessage().getHeaders());
        for (int i = 0; i < pending.size(); i++) {
            var request = pending.get(i);
            var fields = i < fieldsPerRequest.size() ? fieldsPerRequest.get(i) : null;
            var hit = fields != null && !fields.isEmpty();
            var cost = provider.client().cost(provider.id(), provider.config(), hit ? fields : Map.of(), hit);
            call.answer(request, new ProviderAnswer(request.provider(), request.signal(), request.requestKey(),
                    hit ? "hit" : "not_found", hit ? fields : Map.of(), false, status, attempt.number(),
                    attempt.elapsedMillis(), cost, body));
        }
    }
}
