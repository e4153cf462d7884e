package io.leadhub.enrich;

import java.time.Clock;
import java.util.List;

import com.google.common.collect.Lists;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The ends of a pass through a provider's route: its input grouped into calls (up to the provider's bulk
 * limit), opened as a {@link ProviderCall}, and closed with an answer to every question.
 */
@Component
public class ProviderCalls {

    private final Providers providers;
    private final Clock clock;

    public ProviderCalls(Providers providers, Clock clock) {
        this.providers = providers;
        this.clock = clock;
    }

    /** Groups a signal's open questions for one provider into calls of at most its bulk limit. */
    public List<List<ProviderRequest>> openCalls(@ExchangeProperty("leadhubSignalRun") SignalRun run,
                                                 @ExchangeProperty("leadhubProvider") String provider) {
        return Lists.partition(run.openRequests(provider), providers.require(provider).batchLimit());
    }

    /** Route step "open": the route's input (one question, or a list of them to one provider) as a call to work through. */
    public ProviderCall open(@Body Object body) {
        if (body instanceof ProviderCall call) {
            return call;
        }
        if (body instanceof ProviderRequest request) {
            return new ProviderCall(List.of(request));
        }
        if (body instanceof List<?> list && list.stream().allMatch(ProviderRequest.class::isInstance)) {
            return new ProviderCall(list.stream().map(ProviderRequest.class::cast).toList());
        }
        throw new IllegalArgumentException("enrich-provider routes take a ProviderRequest or a list of them, not " + body);
    }

    /** Route step "settle": every claimed question has an answer ("error: no answer" if no step gave one), as of now. */
    public void settle(@ExchangeProperty("leadhubCall") ProviderCall call) {
        call.settle(clock.instant());
    }

    /** Route step "out": the answers, one per question in request order, as the route's body. */
    public List<ProviderAnswer> answers(@ExchangeProperty("leadhubCall") ProviderCall call) {
        return call.answers();
    }
}
