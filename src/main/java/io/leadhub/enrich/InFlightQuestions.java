package io.leadhub.enrich;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Questions being asked right now, so that a second asker of the same question (another signal answered by the
 * same call, another batch) waits for that answer instead of paying for it again. A call claims its questions,
 * releases them in every path (the route's doFinally too), and only then waits for the questions it found
 * claimed by others, so two calls never wait on each other.
 */
@Component
public class InFlightQuestions {

    private final ConcurrentMap<String, CompletableFuture<ProviderAnswer>> inFlight = new ConcurrentHashMap<>();
    private final Providers providers;
    private final ProviderMetrics metrics;

    public InFlightQuestions(Providers providers, ProviderMetrics metrics) {
        this.providers = providers;
        this.metrics = metrics;
    }

    /**
     * Route step "in-flight claim": each open question someone else is asking right now is awaited (after this
     * call's own work, in {@link #awaitOthers}); the rest is claimed by this call.
     */
    public void claim(@ExchangeProperty("leadhubCall") ProviderCall call) {
        for (var request : call.unanswered()) {
            var mine = new CompletableFuture<ProviderAnswer>();
            var running = inFlight.putIfAbsent(key(request), mine);
            if (running != null) {
                call.await(request, running);
            } else {
                call.claim(request, mine);
            }
        }
    }

    /**
     * Route step "release": frees the questions this call claimed and hands their answers (or "error: no
     * answer") to whoever waited. Runs in every path: after the answers are stored, and from the route's
     * doFinally when a step failed (an exception or an Error wrapped in one). Only this call's own claims are
     * removed; a second release changes nothing.
     */
    public void release(@ExchangeProperty("leadhubCall") ProviderCall call) {
        if (call == null) {
            return;
        }
        call.claims().forEach((request, mine) -> {
            inFlight.remove(key(request), mine);
            var answer = call.answerTo(request);
            mine.complete(answer != null ? answer : ProviderAnswer.skipped(request, "error: no answer"));
        });
    }

    /**
     * Route step "take the awaited answers": another caller's answer to the same question becomes this call's
     * (from a cache when definite, else its reason), waiting at most as long as that call can take.
     */
    public void awaitOthers(@ExchangeProperty("leadhubCall") ProviderCall call) {
        var config = providers.require(call.provider()).config();
        var timeoutMillis = config.timeout().toMillis() * (config.retryAttempts() + 1) + config.retryMaxWait().toMillis();
        call.awaited().forEach((request, running) -> call.answer(request, awaitAnswer(request, running, timeoutMillis)));
        call.awaited().keySet().forEach(r -> metrics.count(call.answerTo(r)));
    }

    /** Whether someone is asking this question right now. */
    boolean isAsked(ProviderRequest request) {
        return inFlight.containsKey(key(request));
    }

    private static ProviderAnswer awaitAnswer(ProviderRequest request, CompletableFuture<ProviderAnswer> running,
                                              long timeoutMillis) {
        try {
            var answer = running.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return answer.cacheable() ? ProviderCache.asCached(request, answer) : ProviderAnswer.skipped(request, answer.outcome());
        } catch (ExecutionException | TimeoutException e) {
            return ProviderAnswer.skipped(request, "error: the same question to " + request.provider() + " is still being asked");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProviderAnswer.skipped(request, "error: interrupted");
        }
    }

    private static String key(ProviderRequest request) {
        return request.provider() + "\u0000" + request.requestKey();
    }
}
