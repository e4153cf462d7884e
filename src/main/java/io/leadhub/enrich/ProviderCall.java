package io.leadhub.enrich;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What one pass through a provider's route handles: one question, or up to the provider's bulk limit of them
 * (Apollo's bulk endpoints take ten). Each question ends with an answer: from the cache, a reason to skip, the
 * answer of a caller asking the same right now, or this call's HTTP answer.
 */
public final class ProviderCall {

    private final String provider;
    private final List<ProviderRequest> requests;
    private final Map<String, ProviderAnswer> answers = new LinkedHashMap<>();
    /** Questions this call claimed, with the answer others asking them meanwhile wait for. */
    private final Map<ProviderRequest, CompletableFuture<ProviderAnswer>> claimed = new LinkedHashMap<>();
    /** Questions another caller is asking right now: this call takes that answer instead of paying again. */
    private final Map<ProviderRequest, CompletableFuture<ProviderAnswer>> awaited = new LinkedHashMap<>();
    /** When the call's answers were settled: the time of its cache rows and its ledger rows. */
    private Instant closedAt;

    public ProviderCall(List<ProviderRequest> requests) {
        if (requests.isEmpty() || requests.stream().map(ProviderRequest::provider).distinct().count() != 1) {
            throw new IllegalArgumentException("a provider call needs questions to exactly one provider");
        }
        this.provider = requests.get(0).provider();
        this.requests = List.copyOf(requests);
    }

    public String provider() {
        return provider;
    }

    public List<ProviderRequest> requests() {
        return requests;
    }

    /** The questions nothing has answered yet (not the gate, a cache, nor a skip), in request order. */
    public synchronized List<ProviderRequest> unanswered() {
        return requests.stream().filter(r -> !answers.containsKey(r.requestKey())).toList();
    }

    /** The questions still to be asked over HTTP, in request order. */
    public synchronized List<ProviderRequest> pending() {
        return claimed.keySet().stream().filter(r -> !answers.containsKey(r.requestKey())).toList();
    }

    public synchronized boolean hasPending() {
        return !pending().isEmpty();
    }

    synchronized void answer(ProviderRequest request, ProviderAnswer answer) {
        answers.putIfAbsent(request.requestKey(), answer);
    }

    synchronized ProviderAnswer answerTo(ProviderRequest request) {
        return answers.get(request.requestKey());
    }

    synchronized void claim(ProviderRequest request, CompletableFuture<ProviderAnswer> answer) {
        claimed.put(request, answer);
    }

    synchronized List<ProviderRequest> claimed() {
        return List.copyOf(claimed.keySet());
    }

    /** The claimed questions with the answer each promised to its other askers. */
    synchronized Map<ProviderRequest, CompletableFuture<ProviderAnswer>> claims() {
        return new LinkedHashMap<>(claimed);
    }

    synchronized void await(ProviderRequest request, CompletableFuture<ProviderAnswer> running) {
        awaited.put(request, running);
    }

    synchronized Map<ProviderRequest, CompletableFuture<ProviderAnswer>> awaited() {
        return new LinkedHashMap<>(awaited);
    }

    /**
     * Every question this call claimed has an answer now ("error: no answer" if no step gave one); the answers
     * are remembered as of {@code now}.
     */
    synchronized void settle(Instant now) {
        claimed.keySet().forEach(r -> answers.putIfAbsent(r.requestKey(), ProviderAnswer.skipped(r, "error: no answer")));
        closedAt = now;
    }

    synchronized Instant closedAt() {
        if (closedAt == null) {
            throw new IllegalStateException("the call to " + provider + " is not settled yet");
        }
        return closedAt;
    }

    /** Every question's answer, in request order. */
    public synchronized List<ProviderAnswer> answers() {
        return requests.stream().map(r -> answers.get(r.requestKey())).toList();
    }
}
