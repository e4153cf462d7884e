package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.leadhub.SharedHubTest;
import io.leadhub.enrich.providers.anthropic.AnthropicProviderClient;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The enrich-provider route for Anthropic's Messages API, against a local server speaking it. */
class AnthropicProviderTest extends SharedHubTest {

    private static final String SYSTEM = "You write the first line of a sales email. Answer in JSON: {\"subject\", \"opening\"}.";
    private static final String PROMPT = "Lead: Zoë Müller, COO at Acme Robotics — Lyon plant opened in 2025.";
    private static final String ANSWER = "{\"subject\": \"Faster pallet routing for Acme Robotics\", "
            + "\"opening\": \"Saw that Acme Robotics just opened a second plant in Lyon.\"}";

    @Autowired
    ProducerTemplate camel;
    @Autowired
    Providers providers;
    @Autowired
    AnthropicProviderClient client;

    private ProviderAnswer ask(String provider, String key, Map<String, String> params) {
        var request = new ProviderRequest(provider, "llm", "llm:" + key, UUID.randomUUID(), params);
        return (ProviderAnswer) camel.requestBody("direct:enrich-provider-" + provider, request, List.class).get(0);
    }

    private static Map<String, String> personalize() {
        return Map.of("system", SYSTEM, "prompt", PROMPT, "json", "true");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static MappingBuilder messages() {
        return WireMock.post(urlPathEqualTo("/v1/messages"));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("request-id", "req_011C" + UUID.randomUUID().toString().replace("-", "")).withBody(body);
    }

    /** A 200 with the rate-limit headers of an organization far from its limits. */
    private static ResponseDefinitionBuilder message(String fixture) {
        var reset = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
        return json(200, fixture(fixture))
                .withHeader("anthropic-ratelimit-requests-limit", "1000").withHeader("anthropic-ratelimit-requests-remaining", "999")
                .withHeader("anthropic-ratelimit-requests-reset", reset)
                .withHeader("anthropic-ratelimit-tokens-limit", "96000").withHeader("anthropic-ratelimit-tokens-remaining", "96000")
                .withHeader("anthropic-ratelimit-tokens-reset", reset)
                .withHeader("anthropic-ratelimit-input-tokens-limit", "80000").withHeader("anthropic-ratelimit-input-tokens-remaining", "80000")
                .withHeader("anthropic-ratelimit-input-tokens-reset", reset)
                .withHeader("anthropic-ratelimit-output-tokens-limit", "16000").withHeader("anthropic-ratelimit-output-tokens-remaining", "16000")
                .withHeader("anthropic-ratelimit-output-tokens-reset", reset);
    }

    private List<LoggedRequest> sent() {
        return VENDORS.findAll(postRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    private JsonNode body(LoggedRequest request) throws Exception {
        return json.readTree(request.getBodyAsString());
    }

    @Test
    void aMessageIsAHitPricedByItsTokensAndTheSecondAskCostsNothing() throws Exception {
        VENDORS.stubFor(messages()
                .withHeader("x-api-key", equalTo("anthropic-test-key"))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withHeader("Authorization", WireMock.absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("400")))
                .withRequestBody(matchingJsonPath("$.system", equalTo(SYSTEM)))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(PROMPT)))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2")))
                .willReturn(message("anthropic/message.json")));
        var key = unique("happy");

        var answer = ask("anthropic", key, personalize());

        assertThat(answer.outcome()).isEqualTo("hit");
        // both text blocks, joined
        assertThat(answer.fields()).containsEntry("content", ANSWER).containsEntry("model", "claude-sonnet-4-5-20250929")
                .containsEntry("input_tokens", 2095L).containsEntry("output_tokens", 503L)
                .containsEntry("finish_reason", "end_turn").containsEntry("id", "msg_01XFDUDYJgAACzvnptvVoYEL");
        // 2095 tokens at $3 and 503 at $15 per million
        assertThat(answer.cost()).isCloseTo(2095 * 3 / 1e6 + 503 * 15 / 1e6, within(1e-12));
        assertThat(jdbc.sql("SELECT cost FROM provider_call WHERE provider = 'anthropic' AND request_key = :k")
                .param("k", "llm:" + key).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("0.01383");
        // no assistant prefill: Claude 4.6 and later refuse a conversation that does not end with the user
        var sentBody = body(sent().get(0));
        assertThat(sentBody.path("messages")).hasSize(1);
        assertThat(sentBody.has("response_format")).isFalse();

        var again = ask("anthropic", key, personalize());
        assertThat(again.cached()).isTrue();
        assertThat(again.fields()).containsEntry("content", ANSWER);
        assertThat(sent()).hasSize(1);
    }

    @Test
    void aFencedJsonAnswerIsUnwrappedWhenJsonWasAskedFor() {
        VENDORS.stubFor(messages().willReturn(message("anthropic/message-fenced.json")));
        assertThat(ask("anthropic", unique("fenced"), personalize()).fields())
                .containsEntry("content", "{\"subject\": \"Pallet routing at Acme Robotics\"}");
        assertThat(ask("anthropic", unique("fenced-text"), Map.of("prompt", "Say hello.")).fields().get("content").toString())
                .startsWith("```json");
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() {
        VENDORS.stubFor(messages().inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, fixture("anthropic/error-429-rate-limit.json")).withHeader("retry-after", "1"))
                .willSetStateTo("free"));
        VENDORS.stubFor(messages().inScenario("limit").whenScenarioStateIs("free").willReturn(message("anthropic/message.json")));

        var answer = ask("anthropic", unique("limited"), personalize());

        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.attempts()).isEqualTo(2);
        var requests = sent();
        assertThat(requests).hasSize(2);
        long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("the second request waited for retry-after: 1").isBetween(1000L, 2900L);
    }

    @Test
    void overloaded529IsRetriedThenAnswers() {
        VENDORS.stubFor(messages().inScenario("overload").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(529, fixture("anthropic/error-529-overloaded.json"))).willSetStateTo("busy"));
        VENDORS.stubFor(messages().inScenario("overload").whenScenarioStateIs("busy")
                .willReturn(json(500, fixture("anthropic/error-500.json"))).willSetStateTo("up"));
        VENDORS.stubFor(messages().inScenario("overload").whenScenarioStateIs("up").willReturn(message("anthropic/message.json")));

        var answer = ask("anthropic", unique("overload"), personalize());

        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.attempts()).isEqualTo(3);
        assertThat(sent()).hasSize(3);
    }

    @Test
    void aCreditBalanceTooLowIsASpentQuotaNotRetriedAndShown() {
        VENDORS.stubFor(messages().willReturn(json(400, fixture("anthropic/error-400-credit-balance.json"))));

        var answer = ask("anthropic-quota", unique("credit"), personalize());

        assertThat(answer.outcome()).isEqualTo("rate_limited");
        assertThat(sent()).hasSize(1);
        var row = java.util.stream.StreamSupport.stream(readJson(get("/api/providers")).spliterator(), false)
                .filter(p -> p.path("id").asText().equals("anthropic-quota")).findFirst().orElseThrow();
        assertThat(row.path("problem").asText()).contains("quota or credit exhausted (400)").contains("credit balance is too low");
        assertThat(row.path("breaker").asText()).isEqualTo("OPEN");

        assertThat(ask("anthropic-quota", unique("credit-next"), personalize()).outcome()).isEqualTo("circuit_open");
        assertThat(sent()).hasSize(1);
    }

    @Test
    void onlyBillingAndSpendLimitErrorsCountAsASpentQuota() {
        assertThat(client.isQuotaExhausted(429, fixture("anthropic/error-429-spend-limit.json"))).isTrue();
        assertThat(client.isQuotaExhausted(400, fixture("anthropic/error-400-credit-balance.json"))).isTrue();
        assertThat(client.isQuotaExhausted(400, fixture("anthropic/error-400-usage-limits.json"))).isTrue();
        assertThat(client.isQuotaExhausted(402, "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"...\"}}")).isTrue();
        assertThat(client.isQuotaExhausted(429, fixture("anthropic/error-429-rate-limit.json"))).isFalse();
        assertThat(client.isQuotaExhausted(400, fixture("anthropic/error-400-prefill.json"))).isFalse();
        assertThat(client.isQuotaExhausted(529, fixture("anthropic/error-529-overloaded.json"))).isFalse();
        assertThat(client.isQuotaExhausted(401, fixture("anthropic/error-401.json"))).isFalse();
    }

    @Test
    void aBadRequestIsNotRetriedAndARefusedKeyIsMisconfigured() {
        VENDORS.stubFor(messages().willReturn(json(400, fixture("anthropic/error-400-prefill.json"))));
        assertThat(ask("anthropic", unique("bad"), personalize()).outcome()).isEqualTo("error: http 400");
        assertThat(sent()).hasSize(1);

        VENDORS.resetAll();
        VENDORS.stubFor(messages().willReturn(json(401, fixture("anthropic/error-401.json"))));
        assertThat(ask("anthropic", unique("key"), personalize()).outcome()).isEqualTo("misconfigured");
        assertThat(sent()).hasSize(1);
        assertThat(providers.problem("anthropic")).isPresent();
        VENDORS.stubFor(messages().willReturn(message("anthropic/message.json")));
        assertThat(ask("anthropic", unique("key-fixed"), personalize()).isHit()).isTrue();
        assertThat(providers.problem("anthropic")).isEmpty();
    }

    @Test
    void aSlowServerTimesOutAsAnError() {
        VENDORS.stubFor(messages().willReturn(message("anthropic/message.json").withFixedDelay(1600)));
        var answer = ask("anthropic", unique("slow"), personalize());
        assertThat(answer.outcome()).startsWith("error");
        assertThat(answer.isHit()).isFalse();
    }

    @Test
    void aRefusalWithoutTextIsAnErrorNotAnEmptyHit() {
        VENDORS.stubFor(messages().willReturn(message("anthropic/message-empty.json")));
        var answer = ask("anthropic", unique("refusal"), personalize());
        assertThat(answer.outcome()).isEqualTo("error: empty answer");
        assertThat(answer.raw()).contains("stop_reason refusal");
    }

    @Test
    void slowsDownAsTheRateLimitHeadersRunOut() {
        // 50 requests a minute, none left, whole again in 60 s: one comes back every 1.2 s
        VENDORS.stubFor(messages().willReturn(json(200, fixture("anthropic/message.json"))
                .withHeader("anthropic-ratelimit-requests-limit", "50").withHeader("anthropic-ratelimit-requests-remaining", "0")
                .withHeader("anthropic-ratelimit-requests-reset", Instant.now().plusSeconds(60).toString())));
        assertThat(ask("anthropic-paced", unique("paced-1"), personalize()).isHit()).isTrue();
        assertThat(ask("anthropic-paced", unique("paced-2"), personalize()).isHit()).isTrue();
        var requests = sent();
        long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("paused for one request's share of the reset").isGreaterThanOrEqualTo(1150);

        var soon = Instant.now().plusSeconds(30).toString();
        assertThat(client.pauseMillis(Map.of("anthropic-ratelimit-requests-limit", "1000",
                "anthropic-ratelimit-requests-remaining", "999", "anthropic-ratelimit-requests-reset", soon))).isZero();
        // output tokens nearly spent: wait for 5% of them to come back (about 1.5 s of 30 s)
        assertThat(client.pauseMillis(Map.of("anthropic-ratelimit-output-tokens-limit", "16000",
                "anthropic-ratelimit-output-tokens-remaining", "0", "anthropic-ratelimit-output-tokens-reset", soon)))
                .isBetween(1_400L, 1_500L);
        // a reset in the past is no reason to wait
        assertThat(client.pauseMillis(Map.of("anthropic-ratelimit-requests-limit", "50",
                "anthropic-ratelimit-requests-remaining", "0", "anthropic-ratelimit-requests-reset", "2025-08-21T12:40:59Z"))).isZero();
    }
}
