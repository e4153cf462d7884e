package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import io.leadhub.config.BoundProperties;
import io.leadhub.enrich.providers.openai.OpenAiProviderClient;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The enrich-provider route for OpenAI-compatible chat completions, against a local server speaking OpenAI's API. */
class OpenAiProviderTest extends SharedHubTest {

    private static final String SYSTEM = "You write the first line of a sales email. Answer in JSON: {\"subject\", \"opening\"}.";
    private static final String PROMPT = "Lead: Zoë Müller, COO at Acme Robotics — Lyon plant opened in 2025.";
    private static final String ANSWER = "{\"subject\": \"Faster pallet routing for Acme Robotics\", "
            + "\"opening\": \"Saw that Acme Robotics just opened a second plant in Lyon.\"}";

    @Autowired
    ProducerTemplate camel;
    @Autowired
    Providers providers;
    @Autowired
    OpenAiProviderClient client;

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

    private static MappingBuilder chat() {
        return WireMock.post(urlPathEqualTo("/v1/chat/completions"));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", "")).withBody(body);
    }

    /** A 200 with the rate-limit headers of an account far from its limits. */
    private static ResponseDefinitionBuilder completion(String fixture) {
        return json(200, fixture(fixture)).withHeader("openai-processing-ms", "412").withHeader("openai-version", "2020-10-01")
                .withHeader("x-ratelimit-limit-requests", "5000").withHeader("x-ratelimit-remaining-requests", "4999")
                .withHeader("x-ratelimit-reset-requests", "12ms").withHeader("x-ratelimit-limit-tokens", "160000")
                .withHeader("x-ratelimit-remaining-tokens", "159488").withHeader("x-ratelimit-reset-tokens", "192ms");
    }

    private List<LoggedRequest> chatRequests() {
        return VENDORS.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    private JsonNode body(LoggedRequest request) throws Exception {
        return json.readTree(request.getBodyAsString());
    }

    private long ledgerRows(String provider, String key) {
        return jdbc.sql("SELECT count(*) FROM provider_call WHERE provider = :p AND request_key = :k")
                .param("p", provider).param("k", "llm:" + key).query(Long.class).single();
    }

    @Test
    void aChatCompletionIsAHitPricedByItsTokensAndTheSecondAskCostsNothing() throws Exception {
        VENDORS.stubFor(chat()
                .withHeader("Authorization", equalTo("Bearer openai-test-key"))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(SYSTEM)))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo(PROMPT)))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("400")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2")))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
                .willReturn(completion("openai/chat-completion.json")));
        var key = unique("happy");

        var answer = ask("openai", key, personalize());

        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.fields()).containsEntry("content", ANSWER).containsEntry("model", "gpt-4o-mini-2024-07-18")
                .containsEntry("input_tokens", 412L).containsEntry("output_tokens", 87L)
                .containsEntry("finish_reason", "stop").containsEntry("id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
        // 412 tokens at $0.15 and 87 at $0.60 per million
        assertThat(answer.cost()).isCloseTo(412 * 0.15 / 1e6 + 87 * 0.60 / 1e6, within(1e-12));
        assertThat(jdbc.sql("SELECT cost FROM provider_call WHERE provider = 'openai' AND request_key = :k")
                .param("k", "llm:" + key).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("0.000114");
        var sent = chatRequests();
        assertThat(sent).hasSize(1);
        assertThat(body(sent.get(0)).path("messages")).hasSize(2);

        var again = ask("openai", key, personalize());
        assertThat(again.cached()).isTrue();
        assertThat(again.cost()).isZero();
        assertThat(again.fields()).containsEntry("content", ANSWER);
        assertThat(chatRequests()).hasSize(1);
        assertThat(ledgerRows("openai", key)).isEqualTo(1);
    }

    @Test
    void aPlainPromptSendsNeitherSystemMessageNorJsonMode() throws Exception {
        VENDORS.stubFor(chat().willReturn(completion("openai/chat-completion.json")));
        assertThat(ask("openai", unique("plain"), Map.of("prompt", "Say hello to Acme Robotics.")).outcome()).isEqualTo("hit");
        var sent = body(chatRequests().get(0));
        assertThat(sent.path("messages")).hasSize(1);
        assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(sent.has("response_format")).isFalse();
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() {
        var key = unique("limited");
        VENDORS.stubFor(chat().inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, fixture("openai/error-429-rate-limit.json")).withHeader("retry-after", "1"))
                .willSetStateTo("free"));
        VENDORS.stubFor(chat().inScenario("limit").whenScenarioStateIs("free").willReturn(completion("openai/chat-completion.json")));

        var answer = ask("openai", key, personalize());

        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.attempts()).isEqualTo(2);
        var sent = chatRequests();
        assertThat(sent).hasSize(2);
        long gapMillis = sent.get(1).getLoggedDate().getTime() - sent.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("the second request waited for Retry-After: 1").isBetween(1000L, 2900L);
    }

    @Test
    void serverErrorsAndOverloadAreRetried() {
        VENDORS.stubFor(chat().inScenario("burst").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, fixture("openai/error-503-overloaded.json"))).willSetStateTo("second"));
        VENDORS.stubFor(chat().inScenario("burst").whenScenarioStateIs("second")
                .willReturn(json(500, fixture("openai/error-500.json"))).willSetStateTo("up"));
        VENDORS.stubFor(chat().inScenario("burst").whenScenarioStateIs("up").willReturn(completion("openai/chat-completion.json")));

        var answer = ask("openai", unique("burst"), personalize());
        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.attempts()).isEqualTo(3);
    }

    @Test
    void insufficientQuotaIsNotRetriedOpensTheBreakerAndIsShownAsTheProvidersProblem() {
        VENDORS.stubFor(chat().willReturn(json(429, fixture("openai/error-429-insufficient-quota.json"))));

        var answer = ask("openai-quota", unique("quota"), personalize());

        assertThat(answer.outcome()).isEqualTo("rate_limited");
        assertThat(answer.httpStatus()).isEqualTo(429);
        assertThat(chatRequests()).hasSize(1);
        assertThat(providers.require("openai-quota").breaker().getState().name()).isEqualTo("OPEN");
        var row = java.util.stream.StreamSupport.stream(readJson(get("/api/providers")).spliterator(), false)
                .filter(p -> p.path("id").asText().equals("openai-quota")).findFirst().orElseThrow();
        assertThat(row.path("problem").asText()).contains("quota or credit exhausted (429)").contains("insufficient_quota");
        assertThat(row.path("breaker").asText()).isEqualTo("OPEN");

        assertThat(ask("openai-quota", unique("quota-next"), personalize()).outcome()).isEqualTo("circuit_open");
        assertThat(chatRequests()).hasSize(1);
    }

    @Test
    void onlyBillingErrorsCountAsASpentQuota() {
        assertThat(client.isQuotaExhausted(429, fixture("openai/error-429-insufficient-quota.json"))).isTrue();
        assertThat(client.isQuotaExhausted(429, fixture("openai/error-429-project-spend-limit.json"))).isTrue();
        assertThat(client.isQuotaExhausted(400, "{\"error\": {\"message\": \"Billing hard limit has been reached\", "
                + "\"type\": \"invalid_request_error\", \"param\": null, \"code\": \"billing_hard_limit_reached\"}}")).isTrue();
        assertThat(client.isQuotaExhausted(429, fixture("openai/error-429-rate-limit.json"))).isFalse();
        assertThat(client.isQuotaExhausted(400, fixture("openai/error-400-json-mode.json"))).isFalse();
        assertThat(client.isQuotaExhausted(500, fixture("openai/error-500.json"))).isFalse();
        assertThat(client.isQuotaExhausted(429, "<html>Too Many Requests</html>")).isFalse();
    }

    @Test
    void aBadRequestIsNotRetried() {
        VENDORS.stubFor(chat().willReturn(json(400, fixture("openai/error-400-json-mode.json"))));
        var answer = ask("openai", unique("bad"), personalize());
        assertThat(answer.outcome()).isEqualTo("error: http 400");
        assertThat(chatRequests()).hasSize(1);
    }

    @Test
    void aRefusedKeyIsMisconfigured() {
        VENDORS.stubFor(chat().willReturn(json(401, fixture("openai/error-401.json"))));
        assertThat(ask("openai", unique("key"), personalize()).outcome()).isEqualTo("misconfigured");
        assertThat(chatRequests()).hasSize(1);
        assertThat(providers.problem("openai")).hasValueSatisfying(p -> assertThat(p).contains("API key was refused"));
        // the next answer clears it
        VENDORS.stubFor(chat().willReturn(completion("openai/chat-completion.json")));
        assertThat(ask("openai", unique("key-fixed"), personalize()).isHit()).isTrue();
        assertThat(providers.problem("openai")).isEmpty();
    }

    @Test
    void aSlowServerTimesOutAsAnError() {
        VENDORS.stubFor(chat().willReturn(completion("openai/chat-completion.json").withFixedDelay(1600)));
        var answer = ask("openai", unique("slow"), personalize());
        assertThat(answer.outcome()).startsWith("error");
        assertThat(answer.isHit()).isFalse();
        assertThat(answer.latencyMs()).isLessThan(1600);
    }

    @Test
    void anAnswerWithoutTextIsAnErrorNotAnEmptyHit() {
        VENDORS.stubFor(chat().willReturn(completion("openai/chat-completion-empty.json")));
        var key = unique("empty");
        var answer = ask("openai", key, personalize());
        assertThat(answer.outcome()).isEqualTo("error: empty answer");
        assertThat(answer.raw()).contains("finish_reason length");
        // not cached: asked again, it is called again
        assertThat(ask("openai", key, personalize()).outcome()).isEqualTo("error: empty answer");
        assertThat(chatRequests()).hasSize(2);
    }

    @Test
    void aLocalServerNeedsNoKeyAndARemoteOneDoes() {
        VENDORS.stubFor(chat().withHeader("Authorization", WireMock.absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.2:3b")))
                .willReturn(json(200, fixture("openai/chat-completion-ollama.json"))));

        var local = ask("openai-local", unique("local"), personalize());

        assertThat(local.outcome()).isEqualTo("hit");
        // a small model fenced its JSON: asked for JSON, the hub hands on the JSON only
        assertThat(local.fields()).containsEntry("content", "{\"subject\": \"Pallet routing at Acme Robotics\"}")
                .containsEntry("model", "llama3.2:3b").containsEntry("input_tokens", 96L);
        assertThat(local.cost()).isZero();
        assertThat(chatRequests()).hasSize(1);

        assertThat(ask("openai-keyless", unique("remote"), personalize()).outcome()).isEqualTo("no_api_key");
        assertThat(chatRequests()).hasSize(1);

        for (var url : List.of("http://localhost:11434/v1", "http://127.0.0.1:8000/v1", "http://[::1]:8080/v1")) {
            var config = BoundProperties.of("leadhub.providers.llm", ProviderProperties.class, "type", "openai", "base-url", url);
            assertThat(client.requiresKey(config)).as(url).isFalse();
        }
        for (var url : List.of("https://api.openai.com/v1", "https://api.groq.com/openai/v1", "http://10.0.0.5:11434/v1",
                "http://localhost.example.com/v1", "not a url")) {
            var config = BoundProperties.of("leadhub.providers.llm", ProviderProperties.class, "type", "openai", "base-url", url);
            assertThat(client.requiresKey(config)).as(url).isTrue();
        }
    }

    @Test
    void slowsDownAsTheRateLimitHeadersRunOut() {
        // 2 requests per window, none left, whole again in 2.4 s: one comes back every 1.2 s
        VENDORS.stubFor(chat().willReturn(json(200, fixture("openai/chat-completion.json"))
                .withHeader("x-ratelimit-limit-requests", "2").withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", "2.4s")));
        assertThat(ask("openai-paced", unique("paced-1"), personalize()).isHit()).isTrue();
        assertThat(ask("openai-paced", unique("paced-2"), personalize()).isHit()).isTrue();
        var sent = chatRequests();
        long gapMillis = sent.get(1).getLoggedDate().getTime() - sent.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("paused for one request's share of the reset").isGreaterThanOrEqualTo(1200);

        assertThat(client.pauseMillis(Map.of("x-ratelimit-limit-requests", "5000", "x-ratelimit-remaining-requests", "4999",
                "x-ratelimit-reset-requests", "12ms"))).isZero();
        assertThat(client.pauseMillis(Map.of("x-ratelimit-limit-requests", "1", "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "6m0s"))).isEqualTo(360_000);
        // tokens nearly spent: wait for 5% of the allowance to come back (3 s of a 60 s window)
        assertThat(client.pauseMillis(Map.of("x-ratelimit-limit-tokens", "160000", "x-ratelimit-remaining-tokens", "0",
                "x-ratelimit-reset-tokens", "1m0s"))).isEqualTo(3_000);
        // Azure's -1 for what it does not count is no signal
        assertThat(client.pauseMillis(Map.of("x-ratelimit-limit-tokens", "-1", "x-ratelimit-remaining-tokens", "-1",
                "x-ratelimit-reset-tokens", "0"))).isZero();
    }
}
