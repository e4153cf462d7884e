package io.leadhub.enrich;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The waterfall of one signal over one batch: its providers in priority order, its questions, and every answer
 * so far. A question leaves the waterfall at its first hit, so no lead pays twice for the same fact.
 */
public final class SignalRun {

    private final String signal;
    private final List<String> providers;
    private final List<Question> questions;
    /** Leads with nothing to ask about for this signal (no email, no domain), with the reason. */
    private final Map<UUID, String> unaskable;
    private final Map<String, Map<String, ProviderAnswer>> answers = new LinkedHashMap<>();
    private int next;

    public SignalRun(String signal, List<String> providers, List<Question> questions, Map<UUID, String> unaskable) {
        this.signal = signal;
        this.providers = providers;
        this.questions = questions;
        this.unaskable = unaskable;
    }

    public synchronized boolean hasNextProvider() {
        return next < providers.size() && !openQuestions().isEmpty();
    }

    public synchronized String nextProvider() {
        return providers.get(next++);
    }

    /** Requests for the questions no earlier provider answered. */
    public synchronized List<ProviderRequest> openRequests(String provider) {
        return openQuestions().stream().map(q -> q.toRequest(provider)).toList();
    }

    public synchronized void record(ProviderAnswer answer) {
        answers.computeIfAbsent(answer.requestKey(), k -> new LinkedHashMap<>()).put(answer.provider(), answer);
    }

    private List<Question> openQuestions() {
        var open = new ArrayList<Question>();
        for (var question : questions) {
            var given = answers.getOrDefault(question.requestKey(), Map.of());
            if (given.values().stream().noneMatch(ProviderAnswer::isHit)) {
                open.add(question);
            }
        }
        return open;
    }

    public String signal() {
        return signal;
    }

    public List<Question> questions() {
        return questions;
    }

    public Map<UUID, String> unaskable() {
        return unaskable;
    }

    public List<String> providers() {
        return providers;
    }

    /** Every provider's answer to a question, in the order they were asked. */
    public synchronized Map<String, ProviderAnswer> answersTo(Question question) {
        return new LinkedHashMap<>(answers.getOrDefault(question.requestKey(), Map.of()));
    }
}
