package io.leadhub.enrich;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * The "merge" step: one profile per lead from every signal's first usable answer. Each field keeps its value,
 * provider, time and confidence; when two providers give the same field, the higher-priority provider wins,
 * and agreement raises the confidence. Signals are listed as found (by which provider) or missed (with each
 * provider's reason).
 */
@Component
public class ProfileMerger {

    private final Providers providers;
    private final Clock clock;

    public ProfileMerger(Providers providers, Clock clock) {
        this.providers = providers;
        this.clock = clock;
    }

    public record Field(Object value, String provider, String fetchedAt, double confidence, int priority) {
    }

    public record LeadProfile(Map<String, Field> fields, List<Map<String, Object>> found, List<Map<String, Object>> missed) {
    }

    public Map<UUID, LeadProfile> merge(@Body EnrichmentBatch batch) {
        var now = clock.instant().toString();
        var profiles = new LinkedHashMap<UUID, LeadProfile>();
        batch.leadIds().forEach(id -> profiles.put(id, new LeadProfile(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>())));
        if (batch.signalRuns().isEmpty()) {
            // the lead goes on to scoring with what it came with, and says why it has nothing more
            profiles.values().forEach(profile -> profile.missed().add(Map.of("signal", "all",
                    "reasons", Map.of("all", "no enrichment provider is configured (leadhub.providers)"))));
        }
        for (var run : batch.signalRuns()) {
            run.unaskable().forEach((leadId, reason) -> profiles.get(leadId).missed()
                    .add(Map.of("signal", run.signal(), "reasons", Map.of("all", reason))));
            for (var question : run.questions()) {
                var answers = run.answersTo(question);
                var hit = answers.values().stream().filter(ProviderAnswer::isHit).findFirst();
                for (var leadId : question.leadIds()) {
                    var profile = profiles.get(leadId);
                    if (profile == null) {
                        continue;
                    }
                    if (hit.isPresent()) {
                        var answer = hit.get();
                        profile.found().add(Map.of("signal", run.signal(), "provider", answer.provider(), "cached", answer.cached()));
                        var config = providers.require(answer.provider()).config();
                        answer.fields().forEach((name, value) -> add(profile.fields(), name,
                                new Field(value, answer.provider(), now, config.confidence(), config.priority())));
                    } else {
                        var reasons = new LinkedHashMap<String, Object>();
                        run.providers().forEach(p -> reasons.put(p, answers.containsKey(p) ? answers.get(p).outcome() : "not_asked"));
                        profile.missed().add(Map.of("signal", run.signal(), "reasons", reasons));
                    }
                }
            }
        }
        return profiles;
    }

    private static void add(Map<String, Field> fields, String name, Field incoming) {
        var existing = fields.get(name);
        if (existing == null) {
            fields.put(name, incoming);
        } else if (Objects.equals(existing.value(), incoming.value())) {
            if (!existing.provider().equals(incoming.provider())) {
                // two providers agree: more likely true than either alone
                var agreed = 1 - (1 - existing.confidence()) * (1 - incoming.confidence());
                fields.put(name, new Field(existing.value(), existing.provider(), existing.fetchedAt(),
                        Math.round(agreed * 1000) / 1000.0, existing.priority()));
            }
        } else if (incoming.priority() < existing.priority()
                || incoming.priority() == existing.priority() && incoming.confidence() > existing.confidence()) {
            fields.put(name, incoming);
        }
    }
}
