package io.leadhub.score;

import static io.leadhub.RouteDone.naming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhub.SharedHubTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The scoring stage in the running hub: rules, breakdown, history, hand-off, rules by API and file, activity, analytics, model. */
class ScoringStageTest extends SharedHubTest {

    @Autowired
    ProducerTemplate camel;

    private UUID lead(String workspace, String email, String title, String source, String profileJson) {
        var id = jdbc.sql("""
                        INSERT INTO lead (workspace, lead_key, status, email, title, company_name, company_domain, first_source, received_at, updated_at)
                        VALUES (:ws, :key, 'enriched', :email, :title, 'Acme Robotics', :domain, :source, now(), now()) RETURNING id""")
                .param("ws", workspace).param("key", "email:" + email).param("email", email).param("title", title)
                .param("domain", email.substring(email.indexOf('@') + 1)).param("source", source)
                .query(UUID.class).single();
        jdbc.sql("INSERT INTO lead_profile (lead_id, profile, enriched_at) VALUES (:id, CAST(:p AS jsonb), now())")
                .param("id", id).param("p", profileJson).update();
        return id;
    }

    private static String profile(Object employees, String description) {
        return "{\"company_employees\": {\"value\": " + employees + ", \"provider\": \"apollo\"}"
                + (description == null ? "" : ", \"company_description\": {\"value\": \"" + description + "\", \"provider\": \"apollo\"}") + "}";
    }

    /** Hands the leads to the stage's queue as enrichment does, and waits until the stage's consumer has done the batch. */
    private void scoreEnriched(List<UUID> ids) {
        var scored = whenRouteDone("score-queue", naming(ids.get(0).toString()));
        camel.sendBody("seda:leads-enriched", ids.stream().map(UUID::toString).toList());
        scored.await(Duration.ofSeconds(30));
        assertThat(jdbc.sql("SELECT count(*) FROM lead WHERE id = ANY(:ids) AND status IN ('scored', 'personalized')")
                .param("ids", ids.toArray(new UUID[0])).query(Long.class).single()).isEqualTo(ids.size());
    }

    private JsonNode score(UUID id) {
        return readJson(get("/api/leads/" + id + "/score"));
    }

    private HttpResponse<String> put(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void enrichedLeadsAreScoredWithTheirBreakdownAndHotAndWarmOnesAreHandedOn() {
        postJson("/api/products?workspace=score-a", "{\"id\": \"robots\", \"name\": \"Fleet Orchestrator\", \"icpDescription\": \"Warehouse operators\"}");
        var vp = lead("score-a", "vp@acme-robotics.com", "VP Operations", "api", profile(240, null));
        var nobody = lead("score-a", "someone@gmail.com", null, "api", "{}");
        var personalized = whenRouteDone("personalize-queue", naming(vp.toString()));
        scoreEnriched(List.of(vp, nobody));

        var vpScore = score(vp);
        // has-company 10 + has-title 8 + senior-title 10 + icp-company-size 15 = 43: warm
        assertThat(vpScore.path("score").asDouble()).isEqualTo(43.0);
        assertThat(vpScore.path("tier").asText()).isEqualTo("warm");
        assertThat(vpScore.path("breakdown").path("fired").toString()).contains("\"rule\":\"senior-title\"")
                .contains("\"value\":\"VP Operations\"").contains("\"rule\":\"icp-company-size\"").contains("\"value\":\"240\"");
        assertThat(vpScore.path("history")).hasSize(1);
        var nobodyScore = score(nobody);
        // has-company 10, free-mail -10
        assertThat(nobodyScore.path("score").asDouble()).isEqualTo(0.0);
        assertThat(nobodyScore.path("tier").asText()).isEqualTo("cold");

        // the warm lead went on to personalization, the cold one did not
        personalized.await(Duration.ofSeconds(20));
        assertThat(leadCount("id = ? AND status = 'personalized'", vp)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM lead_product_enrichment WHERE lead_id = :id").param("id", nobody).query(Long.class).single()).isZero();
        assertThat(leadCount("id = ? AND status = 'scored'", nobody)).isEqualTo(1);
    }

    @Test
    void rulesReplacedThroughTheApiAreValidatedVersionedAndRescoreTheWorkspace() throws Exception {
        var lead = lead("score-b", "cto@rules-co.com", "CTO", "api", profile(30, null));
        scoreEnriched(List.of(lead));
        assertThat(score(lead).path("breakdown").path("rulesWorkspace").asText()).isEqualTo("default");

        var refused = put("/api/scoring/rules?workspace=score-b", "application/yaml", """
                rules:
                  - id: cto
                    field: title
                    regex: "(CTO"
                    points: 50
                """);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("line 4: rule 'cto': regex does not compile");

        var accepted = put("/api/scoring/rules?workspace=score-b", "application/yaml", """
                tiers:
                  - name: priority
                    min: 40
                  - name: later
                rules:
                  - id: cto
                    category: demographic
                    field: title
                    equals: cto
                    points: 50
                """);
        assertThat(accepted.statusCode()).isEqualTo(200);
        var answer = readJson(accepted);
        assertThat(answer.path("version").asInt()).isEqualTo(1);
        var job = answer.path("rescoreJob").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(readJson(get("/api/scoring/jobs/" + job)).path("status").asText()));
        assertThat(readJson(get("/api/scoring/jobs/" + job)).path("done").asInt()).isGreaterThanOrEqualTo(1);

        var rescored = score(lead);
        assertThat(rescored.path("score").asDouble()).isEqualTo(50.0);
        assertThat(rescored.path("tier").asText()).isEqualTo("priority");
        assertThat(rescored.path("breakdown").path("rulesWorkspace").asText()).isEqualTo("score-b");
        assertThat(rescored.path("history")).hasSize(2);
        var rules = readJson(get("/api/scoring/rules?workspace=score-b"));
        assertThat(rules.path("version").asInt()).isEqualTo(1);
        assertThat(rules.path("rules").asText()).contains("equals: cto");
    }

    @Test
    void aRulesFileIsReadWhenItChangesAndABrokenOneIsIgnored() throws Exception {
        var dir = WORK.resolve("scoring");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("score-f.yaml"), "rules:\n  - id: any-phone\n    field: phone\n    exists: true\n    points: 5\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> readJson(get("/api/scoring/rules?workspace=score-f")).path("rulesOf").asText().equals("score-f"));
        var first = readJson(get("/api/scoring/rules?workspace=score-f")).path("version").asInt();

        Files.writeString(dir.resolve("score-f.yaml"), "rules:\n  - id: broken\n    field: phone\n    points: 5\n");
        Files.writeString(dir.resolve("score-g.yaml"), "rules:\n  - id: ok\n    field: phone\n    exists: true\n    points: 1\n");
        // the file after the broken one was read, so the broken one was looked at too
        await().atMost(Duration.ofSeconds(20)).until(() -> readJson(get("/api/scoring/rules?workspace=score-g")).path("rulesOf").asText().equals("score-g"));
        var after = readJson(get("/api/scoring/rules?workspace=score-f"));
        assertThat(after.path("version").asInt()).isEqualTo(first);
        assertThat(after.path("rules").asText()).contains("any-phone");
    }

    @Test
    void activityIsRecordedOnceAndDecaysIntoTheScore() {
        var lead = lead("score-e", "buyer@events-co.com", "Buyer", "api", "{}");
        scoreEnriched(List.of(lead));
        var before = score(lead).path("score").asDouble();

        var monthAgo = Instant.now().minus(Duration.ofDays(30)).toString();
        var body = "[{\"type\": \"reply\", \"occurredAt\": \"" + monthAgo + "\", \"idempotencyKey\": \"msg-1\"},"
                + " {\"type\": \"meeting\", \"idempotencyKey\": \"cal-1\"}]";
        var rescored = whenRouteDone("score-activity", naming(lead.toString()));
        var stored = postJson("/api/leads/" + lead + "/events", body);
        assertThat(stored.statusCode()).isEqualTo(201);
        assertThat(readJson(stored).path("stored").asInt()).isEqualTo(2);
        assertThat(readJson(postJson("/api/leads/" + lead + "/events", body)).path("stored").asInt()).isZero();

        // reply: 20 points, 30 days old with a 30-day half-life = 10; meeting: 30 points, fresh
        rescored.await(Duration.ofSeconds(20));
        var after = score(lead);
        assertThat(after.path("reason").asText()).isEqualTo("activity");
        assertThat(after.path("breakdown").path("categories").path("behavioural").asDouble()).isCloseTo(40.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(after.path("score").asDouble()).isCloseTo(before + 40.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(after.path("breakdown").path("fired").toString()).contains("activity:reply").contains("activity:meeting");

        var unknown = postJson("/api/leads/" + lead + "/events", "{\"type\": \"tweet\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("'tweet' is not a configured activity type");
        var future = postJson("/api/leads/" + lead + "/events", "{\"type\": \"reply\", \"occurredAt\": \"2099-01-01T00:00:00Z\"}");
        assertThat(future.statusCode()).isEqualTo(400);
    }

    @Test
    void productsAreFittedWithEmbeddingsAndAMissingIndustryIsInferred() throws Exception {
        var warehouse = postJson("/api/products?workspace=score-p", """
                {"name": "Fleet Orchestrator", "valueProposition": "Run mixed robot fleets from one console",
                 "icpDescription": "Mid-market manufacturers and logistics operators automating their warehouses with mobile robots",
                 "companySizes": ["51-1000"], "regions": ["NA", "EU"], "personas": ["VP Operations", "Head of Logistics"]}""");
        assertThat(warehouse.statusCode()).isEqualTo(201);
        assertThat(readJson(warehouse).path("id").asText()).isEqualTo("fleet-orchestrator");
        postJson("/api/products?workspace=score-p", """
                {"id": "dental", "name": "Chairside Scheduler",
                 "icpDescription": "Dental clinics looking for patient scheduling and reminder software"}""");
        assertThat(postJson("/api/products?workspace=score-p", "{\"name\": \"Vague\"}").body()).contains("states nothing to fit leads against");
        assertThat(postJson("/api/products?workspace=score-p", "{\"name\": \"Odd\", \"companySizes\": [\"big\"]}").body())
                .contains("company size 'big' is not a range");

        var lead = lead("score-p", "ops@acme-robotics.com", "VP Operations", "api",
                profile(240, "Acme Robotics designs autonomous mobile robots and fleet software for warehouses and factories"));
        jdbc.sql("UPDATE lead SET country = 'DE' WHERE id = :id").param("id", lead).update();
        scoreEnriched(List.of(lead));

        var score = score(lead);
        var fit = score.path("fit");
        assertThat(fit).hasSize(2);
        assertThat(fit.get(0).path("product").asText()).isEqualTo("fleet-orchestrator");
        assertThat(fit.get(0).path("rank").asText()).isEqualTo("primary");
        assertThat(fit.get(0).path("similarity").asDouble()).isGreaterThan(fit.get(1).path("similarity").asDouble() + 0.2);
        assertThat(fit.get(0).path("reasons").toString()).contains("similarity").contains("240").contains("DE");
        assertThat(fit.get(1).path("rank").asText()).isEqualTo("secondary");
        // no provider gave an industry: inferred from the description, and rules can see it was
        var facts = jdbc.sql("SELECT breakdown::text FROM lead_score WHERE lead_id = :id").param("id", lead).query(String.class).single();
        assertThat(facts).contains("strong-product-fit");
        assertThat(score.path("breakdown").path("inferred").path("industry").asText()).startsWith("31-33");
        assertThat(readJson(get("/api/products/fleet-orchestrator?workspace=score-p")).path("personas").toString()).contains("Head of Logistics");
        assertThat(put("/api/products/dental?workspace=score-p", "application/json",
                "{\"name\": \"Chairside Scheduler\", \"industries\": [\"Health Care\"]}").statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/products/dental?workspace=score-p"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertThat(readJson(get("/api/products?workspace=score-p"))).hasSize(1);
    }

    @Test
    void analyticsMatchHandComputedFigures() {
        // scores and outcomes written as they would be, so the figures can be worked out by hand
        var a1 = lead("score-c", "a1@c.com", null, "webinar", "{}");
        var a2 = lead("score-c", "a2@c.com", null, "webinar", "{}");
        var b1 = lead("score-c", "b1@c.com", null, "referral", "{}");
        var b2 = lead("score-c", "b2@c.com", null, "referral", "{}");
        var b3 = lead("score-c", "b3@c.com", null, "referral", "{}");
        Map.of(a1, 12.0, a2, 18.0, b1, 55.0, b2, 65.0, b3, 72.0).forEach((id, points) ->
                jdbc.sql("""
                                INSERT INTO lead_score (lead_id, score, tier, rules_version, breakdown, reason, scored_at)
                                VALUES (:id, :s, :t, 1, '{}'::jsonb, 'test', now())""")
                        .param("id", id).param("s", points).param("t", points >= 60 ? "hot" : points >= 30 ? "warm" : "cold").update());
        for (var converted : List.of(b2, b3)) {
            jdbc.sql("INSERT INTO lead_event (lead_id, type, occurred_at, recorded_at) VALUES (:id, 'converted', now(), now())").param("id", converted).update();
        }
        for (var lost : List.of(a1, b1)) {
            jdbc.sql("INSERT INTO lead_event (lead_id, type, occurred_at, recorded_at) VALUES (:id, 'lost', now(), now())").param("id", lost).update();
        }

        var scores = readJson(get("/api/analytics/scores?workspace=score-c&band=20"));
        assertThat(scores.path("tiers").toString()).contains("{\"tier\":\"hot\",\"leads\":2,\"averageScore\":68.5}")
                .contains("{\"tier\":\"cold\",\"leads\":2,\"averageScore\":15.0}");
        assertThat(scores.path("histogram").toString()).contains("{\"from\":0.0,\"to\":20.0,\"leads\":2}")
                .contains("{\"from\":40.0,\"to\":60.0,\"leads\":1}").contains("{\"from\":60.0,\"to\":80.0,\"leads\":2}");

        var sources = readJson(get("/api/analytics/sources?workspace=score-c"));
        var referral = sources.get(0);
        assertThat(referral.path("source").asText()).isEqualTo("referral");
        assertThat(referral.path("leads").asInt()).isEqualTo(3);
        assertThat(referral.path("averageScore").asDouble()).isEqualTo(64.0);
        assertThat(referral.path("conversionRate").asDouble()).isEqualTo(0.6667);
        assertThat(referral.path("winRate").asDouble()).isEqualTo(0.6667);
        var webinar = sources.get(1);
        assertThat(webinar.path("conversionRate").asDouble()).isEqualTo(0.0);
        assertThat(webinar.path("lost").asInt()).isEqualTo(1);

        var bands = readJson(get("/api/analytics/conversion-by-score?workspace=score-c&band=50"));
        assertThat(bands).hasSize(2);
        assertThat(bands.get(0).path("leads").asInt()).isEqualTo(2);
        assertThat(bands.get(0).path("conversionRate").asDouble()).isEqualTo(0.0);
        assertThat(bands.get(1).path("leads").asInt()).isEqualTo(3);
        assertThat(bands.get(1).path("converted").asInt()).isEqualTo(2);
        assertThat(bands.get(1).path("conversionRate").asDouble()).isEqualTo(0.6667);
    }

    @Test
    void aConversionModelIsTrainedFromOutcomesOnlyWhenThereAreEnough() {
        var few = lead("score-m0", "x@few.com", "CEO", "api", "{}");
        jdbc.sql("INSERT INTO lead_event (lead_id, type, occurred_at, recorded_at) VALUES (:id, 'converted', now(), now())").param("id", few).update();
        var refused = readJson(postJson("/api/scoring/model/train?workspace=score-m0", ""));
        assertThat(refused.path("trained").asBoolean()).isFalse();
        assertThat(readJson(get("/api/scoring/model?workspace=score-m0")).path("reason").asText()).isNotBlank();

        // conversion depends on seniority and company size (known), with noise
        var random = new Random(7);
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 600; i++) {
            boolean senior = random.nextBoolean();
            int employees = random.nextBoolean() ? 50 + random.nextInt(900) : 1 + random.nextInt(20);
            var lead = lead("score-m", "p" + i + "@m" + i + ".com", senior ? "VP Sales" : "Intern", "api", profile(employees, null));
            double logit = -4.0 + (senior ? 5.0 : 0) + (employees >= 50 ? 4.2 : 0); // a true AUC near 0.9
            boolean converted = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            jdbc.sql("INSERT INTO lead_event (lead_id, type, occurred_at, recorded_at) VALUES (:id, :t, now(), now())")
                    .param("id", lead).param("t", converted ? "converted" : "lost").update();
            ids.add(lead);
        }
        var trained = readJson(postJson("/api/scoring/model/train?workspace=score-m", ""));
        assertThat(trained.path("trained").asBoolean()).as(trained.toString()).isTrue();
        assertThat(trained.path("metrics").path("auc").asDouble()).isGreaterThan(0.8);

        var status = readJson(get("/api/scoring/model?workspace=score-m"));
        assertThat(status.path("model").path("version").asInt()).isEqualTo(trained.path("version").asInt());
        scoreEnriched(ids.subList(0, 20));
        var probabilities = ids.subList(0, 20).stream().map(id -> score(id).path("probability")).toList();
        assertThat(probabilities).allSatisfy(p -> assertThat(p.asDouble()).isBetween(0.0, 1.0));
        assertThat(probabilities.stream().map(JsonNode::asDouble).distinct().count()).isGreaterThan(1);
    }
}
