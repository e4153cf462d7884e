package io.leadhub.personalize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/**
 * The personalize stage against a local server speaking the OpenAI chat completions format: accepted answers,
 * repair, grounding, fallback, cache, do-not-call, channel limits, and the automatic triggers.
 */
class PersonalizationStageTest extends SharedHubTest {

    private static final String CHAT = "/v1/chat/completions";

    private UUID lead(String workspace, String email, String attributes) {
        var id = jdbc.sql("""
                        INSERT INTO lead (workspace, lead_key, status, email, first_name, last_name, full_name, title, company_name,
                                          company_domain, country, phone, attributes, first_source, received_at, updated_at)
                        VALUES (:ws, :key, 'scored', :email, 'Dana', 'Reyes', 'Dana Reyes', 'VP Operations', :company,
                                'acme-robotics.com', 'US', '+14155550100', CAST(:attrs AS jsonb), 'api', now(), now()) RETURNING id""")
                .param("ws", workspace).param("key", "email:" + email).param("email", email).param("attrs", attributes)
                // identical facts would share one cached answer: each lead is its own company
                .param("company", "Acme Robotics " + email.substring(0, email.indexOf('@')) + " " + workspace)
                .query(UUID.class).single();
        jdbc.sql("INSERT INTO lead_profile (lead_id, profile, enriched_at) VALUES (:id, CAST(:p AS jsonb), now())").param("id", id)
                .param("p", """
                        {"company_industry": {"value": "Logistics and Supply Chain", "provider": "apollo"},
                         "company_employees": {"value": 240, "provider": "apollo"},
                         "technologies": {"value": ["Salesforce", "SAP"], "provider": "apollo"},
                         "company_description": {"value": "Autonomous mobile robots for warehouses.", "provider": "apollo"}}""")
                .update();
        jdbc.sql("""
                        INSERT INTO lead_score (lead_id, score, tier, rules_version, breakdown, fit, reason, scored_at)
                        VALUES (:id, 61, 'hot', 1, '{}'::jsonb, '[{"product": "fleet", "reasons": ["ICP similarity 0.52"]}]'::jsonb, 'test', now())""")
                .param("id", id).update();
        return id;
    }

    private void product(String workspace) {
        // a new product writes for the workspace's qualified leads in the background; let that pass before the test's
        // own lead exists, or it may call the LLM first and leave the test a cached (free) answer
        var written = whenRouteDone("personalize-new-product",
                exchange -> exchange.getMessage().getBody() instanceof PersonalizeTriggers.NewProduct p && p.workspace().equals(workspace));
        postJson("/api/products?workspace=" + workspace, """
                {"id": "fleet", "name": "Fleet Orchestrator", "valueProposition": "Run mixed robot fleets from one console",
                 "icpDescription": "Logistics operators automating warehouses"}""");
        written.await(Duration.ofSeconds(20));
    }

    /** A complete answer within every channel limit, citing the given facts. */
    private String answer(List<String> groundedOn, boolean withSms, boolean withCallScript) {
        var root = json.createObjectNode();
        root.putArray("key_pain_points").add("Robot fleets from several vendors are hard to coordinate").add("Downtime in peak season");
        root.putArray("value_gains").add("One console for every robot").add("Fewer stalled picks");
        root.putArray("key_messages").add("Coordinate your mixed fleet from one place").add("Proven with logistics operators");
        var grounded = root.putArray("grounded_on");
        groundedOn.forEach(grounded::add);
        var outreach = root.putArray("outreach");
        for (var tone : List.of("professional", "friendly", "direct")) {
            outreach.addObject().put("channel", "email").put("tone", tone).put("subject", "Coordinating robot fleets at Acme Robotics")
                    .put("body", "Hi Dana, warehouse teams at your size often run robots from several vendors. Fleet Orchestrator"
                            + " runs them from one console. Would a short call next week help?");
            outreach.addObject().put("channel", "linkedin_connection").put("tone", tone)
                    .put("body", "Hi Dana, I work with logistics operators on mixed robot fleets. Glad to connect.");
            outreach.addObject().put("channel", "linkedin_message").put("tone", tone)
                    .put("body", "Thanks for connecting, Dana. Many warehouse operators struggle to coordinate robots from"
                            + " different vendors. Fleet Orchestrator gives one console for all of them. Open to a chat?");
            if (withSms) {
                outreach.addObject().put("channel", "sms").put("tone", tone)
                        .put("body", "Hi Dana, one console for your whole robot fleet. Worth a call? Reply STOP to opt out");
            }
        }
        if (withCallScript) {
            var call = root.putObject("call_script");
            call.put("opener", "Hi Dana, this is Sam from Fleet Orchestrator, calling about your warehouse robots.");
            call.putArray("discovery_questions").add("How many robot vendors do you run today?").add("What stalls picks in peak season?")
                    .add("Who owns the fleet software?");
            var objections = call.putObject("objections");
            objections.put("price", "Most teams recover the cost in fewer stalled picks within a quarter.");
            objections.put("timing", "We can start with one site before peak season.");
            objections.put("incumbent", "It works beside the vendors' own tools, not instead of them.");
            objections.put("trust", "Logistics operators of your size run it today; happy to share a reference.");
        } else {
            root.putNull("call_script");
        }
        return root.toString();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder completion(String content) {
        var body = "{\"id\": \"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\", \"object\": \"chat.completion\", \"created\": 1741569952,"
                + " \"model\": \"gpt-4o-mini-2024-07-18\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
                + " \"content\": " + quote(content) + ", \"refusal\": null, \"annotations\": []}, \"logprobs\": null,"
                + " \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 1200, \"completion_tokens\": 800,"
                + " \"total_tokens\": 2000}, \"service_tier\": \"default\", \"system_fingerprint\": \"fp_06737a9306\"}";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private JsonNode personalize(UUID lead) {
        var response = postJson("/api/leads/" + lead + "/personalize", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return readJson(get("/api/leads/" + lead + "/insights/fleet"));
    }

    /** Every stored message within its channel's limit, whoever wrote it. */
    private void assertWithinLimits(UUID lead) {
        var outreach = readJson(get("/api/leads/" + lead + "/outreach"));
        var messages = new ArrayList<JsonNode>();
        outreach.forEach(product -> product.path("messages").forEach(messages::add));
        assertThat(messages).isNotEmpty();
        for (var message : messages) {
            var body = message.path("body").asText();
            assertThat(body).isNotBlank().doesNotContain("null").doesNotContain("{{");
            switch (message.path("channel").asText()) {
                case "email" -> {
                    assertThat(message.path("subject").asText()).isNotBlank().hasSizeLessThanOrEqualTo(80);
                    assertThat(body.split("\\s+")).hasSizeLessThanOrEqualTo(150);
                }
                case "linkedin_connection" -> assertThat(body).hasSizeLessThanOrEqualTo(300);
                case "linkedin_message" -> assertThat(body).hasSizeLessThanOrEqualTo(600);
                case "sms" -> assertThat(Gsm7.fits(body)).as(body).isTrue();
                default -> throw new AssertionError("unknown channel " + message);
            }
        }
    }

    @Test
    void theLlmWritesInsightAndOutreachGroundedInTheProfile() {
        product("pz-a");
        var lead = lead("pz-a", "dana@pz-a.com", "{}");
        VENDORS.stubFor(WireMock.post(urlPathEqualTo(CHAT)).willReturn(completion(
                answer(List.of("company_industry", "technologies", "product.value_proposition"), true, true))));

        var insight = personalize(lead);
        assertThat(insight.path("generator").asText()).isEqualTo("llm");
        assertThat(insight.path("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(insight.path("keyPainPoints")).hasSize(2);
        assertThat(insight.path("groundedOn").toString()).contains("technologies");
        assertThat(insight.path("inputTokens").asInt()).isEqualTo(1200);
        // 1200 × 0.15 / 1M + 800 × 0.60 / 1M
        assertThat(insight.path("cost").asDouble()).isEqualTo(0.00066);
        assertThat(insight.path("promptVersion").asText()).startsWith("p-");
        assertThat(leadCount("id = ? AND status = 'personalized'", lead)).isEqualTo(1);

        var request = VENDORS.findAll(postRequestedFor(urlPathEqualTo(CHAT))).get(0).getBodyAsString();
        // facts go as quoted data; email and phone are never sent to the LLM
        assertThat(request).contains("<data>").contains("Logistics and Supply Chain").doesNotContain("dana@pz-a.com")
                .doesNotContain("4155550100");
        var direct = readJson(get("/api/leads/" + lead + "/outreach?channel=email&tone=direct"));
        assertThat(direct.get(0).path("messages")).hasSize(1);
        assertThat(direct.get(0).path("messages").get(0).path("subject").asText()).contains("robot fleets");
        assertWithinLimits(lead);
    }

    @Test
    void anInvalidAnswerGetsOneRepairRequest() {
        product("pz-b");
        var lead = lead("pz-b", "dana@pz-b.com", "{}");
        VENDORS.stubFor(WireMock.post(urlPathEqualTo(CHAT)).inScenario("repair").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(completion("Sure! Here are some ideas: {\"key_pain_points\": [\"oops\"")).willSetStateTo("asked"));
        VENDORS.stubFor(WireMock.post(urlPathEqualTo(CHAT)).inScenario("repair").whenScenarioStateIs("asked")
                .willReturn(completion(answer(List.of("company_industry"), true, true))));

        assertThat(personalize(lead).path("generator").asText()).isEqualTo("llm");
        var requests = VENDORS.findAll(postRequestedFor(urlPathEqualTo(CHAT)));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getBodyAsString()).contains("It was refused because").contains("not a JSON object");
    }

    @Test
    void anAnswerCitingAFactTheProfileDoesNotHoldIsRejectedAndTheTemplateWriterTakesOver() {
        product("pz-c");
        var lead = lead("pz-c", "dana@pz-c.com", "{}");
        VENDORS.stubFor(WireMock.post(urlPathEqualTo(CHAT)).willReturn(completion(
                answer(List.of("company_industry", "funding_total"), true, true))));

        var insight = personalize(lead);
        assertThat(insight.path("generator").asText()).isEqualTo("template");
        assertThat(insight.path("fallbackReason").asText()).contains("grounded_on cites 'funding_total'");
        VENDORS.verify(2, postRequestedFor(urlPathEqualTo(CHAT)));
        assertCompleteTemplate(lead, insight);
    }

    @Test
    void whileTheLlmIsDownEveryLeadStillGetsCompleteOutput() {
        product("pz-d");
        var lead = lead("pz-d", "dana@pz-d.com", "{}");
        VENDORS.stubFor(WireMock.post(urlPathEqualTo(CHAT)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"The server had an error while processing your request.\", \"type\": \"server_error\", \"param\": null, \"code\": null}}")));

        var insight = personalize(lead);
        assertThat(insight.path("generator").asText()).isEqualTo("template");
        assertThat(insight.path("fallbackReason").asText()).contains("the LLM gave no answer");
        assertCompleteTemplate(lead, insight);
    }

    private void assertCompleteTemplate(UUID lead, JsonNode insight) {
        assertThat(insight.path("keyPainPoints")).isNotEmpty();
        assertThat(insight.path("valueGains")).isNotEmpty();
        assertThat(insight.path("keyMessages")).isNotEmpty();
        var outreach = readJson(get("/api/leads/" + lead + "/outreach")).get(0);
        // four channels × three tones, and a call script
        assertThat(outreach.path("messages")).hasSize(12);
        assertThat(outreach.path("callScript").path("objections").size()).isEqualTo(4);
        assertWithinLimits(lead);
    }

    @Test
    void aSecondRunWithinTheCacheTtlCostsNothing() {
        product("pz-e");
        var lead = lead("pz-e", "dana@pz-e.com", "{}");
        VENDORS.stubFor(WireMock.post(urlPathEqualTo(CHAT)).willReturn(completion(answer(List.of("company_industry"), true, true))));
        assertThat(personalize(lead).path("cost").asDouble()).isPositive();
        var again = personalize(lead);
        assertThat(again.path("generator").asText()).isEqualTo("llm");
        assertThat(again.path("cost").asDouble()).isZero();
        VENDORS.verify(1, postRequestedFor(urlPathEqualTo(CHAT)));
    }

    @Test
    void aDoNotCallPhoneGetsNoSmsAndNoCallScript() {
        product("pz-f");
        var lead = lead("pz-f", "dana@pz-f.com", "{\"do_not_call\": true}");
        VENDORS.stubFor(WireMock.post(urlPathEqualTo(CHAT)).willReturn(completion(answer(List.of("company_industry"), false, false))));

        assertThat(personalize(lead).path("generator").asText()).isEqualTo("llm");
        assertThat(VENDORS.findAll(postRequestedFor(urlPathEqualTo(CHAT))).get(0).getBodyAsString()).contains("do-not-call");
        var outreach = readJson(get("/api/leads/" + lead + "/outreach")).get(0);
        assertThat(outreach.path("messages").toString()).doesNotContain("\"channel\":\"sms\"");
        assertThat(outreach.path("callScript").isNull()).isTrue();
        assertThat(outreach.path("skipped").toString()).contains("do-not-call");

        // the template writer keeps the same rule
        var other = lead("pz-f", "dana2@pz-f.com", "{\"dnc\": \"yes\"}");
        VENDORS.resetAll();
        var insight = personalize(other);
        assertThat(insight.path("generator").asText()).isEqualTo("template");
        var fallback = readJson(get("/api/leads/" + other + "/outreach")).get(0);
        assertThat(fallback.path("messages").toString()).doesNotContain("\"channel\":\"sms\"");
        assertThat(fallback.path("callScript").isNull()).isTrue();
        assertThat(fallback.path("skipped").toString()).contains("do-not-call");
    }

    @Test
    void aNewProductIsWrittenForEveryQualifiedLead() {
        var hot = lead("pz-g", "dana@pz-g.com", "{}");
        var cold = lead("pz-g", "cold@pz-g.com", "{}");
        jdbc.sql("UPDATE lead_score SET tier = 'cold', score = 5 WHERE lead_id = :id").param("id", cold).update();
        product("pz-g");
        assertThat(leadCount("id = ? AND status = 'personalized'", hot)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM lead_product_enrichment WHERE lead_id = :id").param("id", cold).query(Long.class).single()).isZero();
    }
}
