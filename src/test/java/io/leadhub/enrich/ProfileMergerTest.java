package io.leadhub.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.BoundProperties;
import io.leadhub.enrich.providers.http.HttpProviderClient;
import org.junit.jupiter.api.Test;

class ProfileMergerTest {

    private static final UUID LEAD = UUID.randomUUID();

    private static Providers providers() {
        var configuration = new ArrayList<String>();
        for (var entry : Map.of("primary", 10, "secondary", 20, "third", 20).entrySet()) {
            var prefix = "leadhub.providers." + entry.getKey() + ".";
            configuration.addAll(List.of(prefix + "type", "http", prefix + "priority", String.valueOf(entry.getValue()),
                    prefix + "confidence", entry.getKey().equals("primary") ? "0.9" : "0.6"));
        }
        var binder = BoundProperties.binder(configuration.toArray(String[]::new));
        var properties = binder.bindOrCreate("leadhub", ProvidersProperties.class);
        var http = new HttpProviderClient(properties, new ProviderOptionsBinder(properties, binder), new ObjectMapper());
        return new Providers(properties, Map.of("httpProviderClient", http), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    private static ProviderAnswer hit(String provider, String signal, Map<String, Object> fields) {
        return new ProviderAnswer(provider, signal, "k:" + signal, "hit", fields, false, 200, 1, 10, 0, null);
    }

    private static SignalRun run(String signal, List<String> providers, ProviderAnswer... answers) {
        var question = new Question(signal, "k:" + signal, Map.of(), new ArrayList<>(List.of(LEAD)));
        var run = new SignalRun(signal, providers, List.of(question), Map.of());
        for (var answer : answers) {
            run.record(answer);
        }
        return run;
    }

    @Test
    void priorityWinsAConflictAgreementRaisesConfidenceAndMissesKeepEveryReason() {
        var merger = new ProfileMerger(providers(), Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        var batch = new EnrichmentBatch(List.of(LEAD), List.of(
                run("company", List.of("secondary"), hit("secondary", "company", Map.of("company_name", "Acme Inc", "industry", "robots"))),
                run("firmographics", List.of("primary"), hit("primary", "firmographics", Map.of("company_name", "Acme Robotics"))),
                run("techstack", List.of("third"), hit("third", "techstack", Map.of("industry", "robots"))),
                run("news", List.of("primary", "secondary"),
                        ProviderAnswer.skipped(new ProviderRequest("primary", "news", "k:news", LEAD, Map.of()), "no_api_key"),
                        new ProviderAnswer("secondary", "news", "k:news", "not_found", Map.of(), false, 404, 1, 5, 0, null))));

        var profile = merger.merge(batch).get(LEAD);

        var name = profile.fields().get("company_name");
        assertThat(name.value()).isEqualTo("Acme Robotics");
        assertThat(name.provider()).isEqualTo("primary");
        assertThat(name.fetchedAt()).isEqualTo("2026-11-23T10:00:00Z");
        var industry = profile.fields().get("industry");
        assertThat(industry.confidence()).isEqualTo(0.84); // 1 - 0.4 * 0.4: two providers agree
        assertThat(profile.missed()).singleElement().satisfies(miss -> {
            assertThat(miss.get("signal")).isEqualTo("news");
            assertThat(miss.get("reasons")).isEqualTo(Map.of("primary", "no_api_key", "secondary", "not_found"));
        });
        assertThat(profile.found()).hasSize(3);
    }
}
