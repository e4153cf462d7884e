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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.leadhub.SharedHubTest;
import io.leadhub.config.BoundProperties;
import io.leadhub.enrich.providers.anthropic.AnthropicProviderClient;
import io.leadhub.enrich.providers.openai.OpenAiProviderClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The enrich-provider route for the two LLM wire formats, OpenAI-compatible chat completions and Anthropic's
 * Messages API, against a local server speaking each exactly (paths, headers, bodies, error bodies from
 * fixtures/openai and fixtures/anthropic). What both must do is one parametrised case over the two vendors; what
 * only one has (OpenAI's plain prompt and keyless local servers, Anthropic's fenced JSON) is a case of its own.
 * Providers: {@code <vendor>}, {@code <vendor>-quota} and {@code <vendor>-paced} (HubTestSupport).
 */
class LlmProviderTest extends SharedHubTest {

    private static final String SYSTEM = "You write the first line of a sales email. Answer in JSON: {\"subject\", \"opening\"}.";
    private static final String PROMPT = "Lead: Zoë Müller, COO at Acme Robotics — Lyon plant opened in 2025.";
    private static final String ANSWER = "{\"subject\": \"Faster pallet routing for Acme Robotics\", "
            + "\"opening\": \"Saw that Acme Robotics just opened a second plant in Lyon.\"}";

    /** A rate-limit answer and the pause the client takes from it, at least {@code min} and at most {@code max} ms. */
    record Pause(Map<String, Object> headers, long min, long max) {
    }

    /** A vendor's error body and whether it means the account's quota or credit is spent. */
    record Billing(int status, String body, boolean quotaSpent) {
    }

    /**
     * One vendor's wire format. {@code exact} adds the matchers a well-formed request must meet; {@code ok} makes a
     * 200 answer with the headers of an account far from its limits; {@code paced} the headers of one whose requests
     * run out, so that one more comes back every 1.2 s.
     */
    record Vendor(String name, String path, Class<? extends ProviderClient> client, UnaryOperator<MappingBuilder> exact,
                  String requestIdHeader, String requestIdPrefix, UnaryOperator<ResponseDefinitionBuilder> ok, String okFixture,
                  Map<String, Object> hitFields, double hitCost, String ledgerCost, int messagesSent, boolean jsonMode,
                  int overloadStatus, String overloadFixture, int quotaStatus, String quotaFixture, List<String> quotaProblem,
                  List<Billing> billing, String badRequestFixture, String emptyFixture, String emptyReason,
                  UnaryOperator<ResponseDefinitionBuilder> paced, long pacedGapMillis, Supplier<List<Pause>> pauses) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vendor> vendors() {
        return Stream.of(openAi(), anthropic());
    }

    private static Vendor openAi() {
        return new Vendor("openai", "/v1/chat/completions", OpenAiProviderClient.class,
                request -> request
                        .withHeader("Authorization", equalTo("Bearer openai-test-key"))
                        .withHeader("Content-Type", WireMock.containing("application/json"))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                        .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                        .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(SYSTEM)))
                        .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
                        .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo(PROMPT)))
                        .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("400")))
                        .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2")))
                        .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object"))),
                "x-request-id", "req_",
                answer -> answer.withHeader("openai-processing-ms", "412").withHeader("openai-version", "2020-10-01")
                        .withHeader("x-ratelimit-limit-requests", "5000").withHeader("x-ratelimit-remaining-requests", "4999")
                        .withHeader("x-ratelimit-reset-requests", "12ms").withHeader("x-ratelimit-limit-tokens", "160000")
                        .withHeader("x-ratelimit-remaining-tokens", "159488").withHeader("x-ratelimit-reset-tokens", "192ms"),
                "chat-completion.json",
                Map.of("model", "gpt-4o-mini-2024-07-18", "input_tokens", 412L, "output_tokens", 87L,
                        "finish_reason", "stop", "id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT"),
                // 412 tokens at $0.15 and 87 at $0.60 per million
                412 * 0.15 / 1e6 + 87 * 0.60 / 1e6, "0.000114", 2, true,
                503, "error-503-overloaded.json", 429, "error-429-insufficient-quota.json",
                List.of("quota or credit exhausted (429)", "insufficient_quota"),
                List.of(new Billing(429, fixture("openai/error-429-insufficient-quota.json"), true),
                        new Billing(429, fixture("openai/error-429-project-spend-limit.json"), true),
                        new Billing(400, "{\"error\": {\"message\": \"Billing hard limit has been reached\", "
                                + "\"type\": \"invalid_request_error\", \"param\": null, \"code\": \"billing_hard_limit_reached\"}}", true),
                        new Billing(429, fixture("openai/error-429-rate-limit.json"), false),
                        new Billing(400, fixture("openai/error-400-json-mode.json"), false),
                        new Billing(500, fixture("openai/error-500.json"), false),
                        new Billing(429, "<html>Too Many Requests</html>", false)),
                "error-400-json-mode.json", "chat-completion-empty.json", "finish_reason length",
                // 2 requests per window, none left, whole again in 2.4 s
                answer -> answer.withHeader("x-ratelimit-limit-requests", "2").withHeader("x-ratelimit-remaining-requests", "0")
                        .withHeader("x-ratelimit-reset-requests", "2.4s"),
                1200,
                () -> List.of(
                        new Pause(Map.of("x-ratelimit-limit-requests", "5000", "x-ratelimit-remaining-requests", "4999",
                                "x-ratelimit-reset-requests", "12ms"), 0, 0),
                        new Pause(Map.of("x-ratelimit-limit-requests", "1", "x-ratelimit-remaining-requests", "0",
                                "x-ratelimit-reset-requests", "6m0s"), 360_000, 360_000),
                        // tokens nearly spent: wait for 5% of the allowance to come back (3 s of a 60 s window)
                        new Pause(Map.of("x-ratelimit-limit-tokens", "160000", "x-ratelimit-remaining-tokens", "0",
                                "x-ratelimit-reset-tokens", "1m0s"), 3_000, 3_000),
                        // Azure's -1 for what it does not count is no signal
                        new Pause(Map.of("x-ratelimit-limit-tokens", "-1", "x-ratelimit-remaining-tokens", "-1",
                                "x-ratelimit-reset-tokens", "0"), 0, 0)));
    }

    private static Vendor anthropic() {
        return new Vendor("anthropic", "/v1/messages", AnthropicProviderClient.class,
                request -> request
                        .withHeader("x-api-key", equalTo("anthropic-test-key"))
                        .withHeader("anthropic-version", equalTo("2023-06-01"))
                        .withHeader("Content-Type", WireMock.containing("application/json"))
                        .withHeader("Authorization", WireMock.absent())
                        .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5")))
                        .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("400")))
                        .withRequestBody(matchingJsonPath("$.system", equalTo(SYSTEM)))
                        .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                        .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(PROMPT)))
                        .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2"))),
                "request-id", "req_011C",
                answer -> {
                    var reset = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
                    for (var limit : List.of("requests", "tokens", "input-tokens", "output-tokens")) {
                        var size = Map.of("requests", "1000", "tokens", "96000", "input-tokens", "80000", "output-tokens", "16000").get(limit);
                        answer = answer.withHeader("anthropic-ratelimit-" + limit + "-limit", size)
                                .withHeader("anthropic-ratelimit-" + limit + "-remaining", limit.equals("requests") ? "999" : size)
                                .withHeader("anthropic-ratelimit-" + limit + "-reset", reset);
                    }
                    return answer;
                },
                "message.json",
                // both text blocks, joined
                Map.of("model", "claude-sonnet-4-5-20250929", "input_tokens", 2095L, "output_tokens", 503L,
                        "finish_reason", "end_turn", "id", "msg_01XFDUDYJgAACzvnptvVoYEL"),
                // 2095 tokens at $3 and 503 at $15 per million
                2095 * 3 / 1e6 + 503 * 15 / 1e6, "0.01383",
                // no assistant prefill: Claude 4.6 and later refuse a conversation that does not end with the user
                1, false,
                529, "error-529-overloaded.json", 400, "error-400-credit-balance.json",
                List.of("quota or credit exhausted (400)", "credit balance is too low"),
                List.of(new Billing(429, fixture("anthropic/error-429-spend-limit.json"), true),
                        new Billing(400, fixture("anthropic/error-400-credit-balance.json"), true),
                        new Billing(400, fixture("anthropic/error-400-usage-limits.json"), true),
                        new Billing(402, "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"...\"}}", true),
                        new Billing(429, fixture("anthropic/error-429-rate-limit.json"), false),
                        new Billing(400, fixture("anthropic/error-400-prefill.json"), false),
                        new Billing(529, fixture("anthropic/error-529-overloaded.json"), false),
                        new Billing(401, fixture("anthropic/error-401.json"), false)),
                "error-400-prefill.json", "message-empty.json", "stop_reason refusal",
                // 50 requests a minute, none left, whole again in 60 s
                answer -> answer.withHeader("anthropic-ratelimit-requests-limit", "50")
                        .withHeader("anthropic-ratelimit-requests-remaining", "0")
                        .withHeader("anthropic-ratelimit-requests-reset", Instant.now().plusSeconds(60).toString()),
                1150,
                () -> {
                    var soon = Instant.now().plusSeconds(30).toString();
                    return List.of(
                            new Pause(Map.of("anthropic-ratelimit-requests-limit", "1000",
                                    "anthropic-ratelimit-requests-remaining", "999", "anthropic-ratelimit-requests-reset", soon), 0, 0),
                            // output tokens nearly spent: wait for 5% of them to come back (about 1.5 s of 30 s)
                            new Pause(Map.of("anthropic-ratelimit-output-tokens-limit", "16000",
                                    "anthropic-ratelimit-output-tokens-remaining", "0", "anthropic-ratelimit-output-tokens-reset", soon),
                                    1_400, 1_500),
                            // a reset in the past is no reason to wait
                            new Pause(Map.of("anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "0",
                                    "anthropic-ratelimit-requests-reset", "2025-08-21T12:40:59Z"), 0, 0));
                });
    }

    @Autowired
    Providers providers;
    @Autowired
    ApplicationContext spring;

    private ProviderAnswer ask(String provider, String key, Map<String, String> params) {
        var request = new ProviderRequest(provider, "llm", "llm:" + key, UUID.randomUUID(), params);
        return askProvider(request);
    }

    private static Map<String, String> personalize() {
        return Map.of("system", SYSTEM, "prompt", PROMPT, "json", "true");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static MappingBuilder call(Vendor vendor) {
        return WireMock.post(urlPathEqualTo(vendor.path()));
    }

    private static ResponseDefinitionBuilder json(Vendor vendor, int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader(vendor.requestIdHeader(), vendor.requestIdPrefix() + UUID.randomUUID().toString().replace("-", ""))
                .withBody(fixture(vendor.name() + "/" + file));
    }

    /** The vendor's answer, with the rate-limit headers of an account far from its limits. */
    private static ResponseDefinitionBuilder ok(Vendor vendor) {
        return vendor.ok().apply(json(vendor, 200, vendor.okFixture()));
    }

    private List<LoggedRequest> sent(Vendor vendor) {
        return VENDORS.findAll(postRequestedFor(urlPathEqualTo(vendor.path())));
    }

    private JsonNode body(LoggedRequest request) throws Exception {
        return json.readTree(request.getBodyAsString());
    }

    private JsonNode providerRow(String id) {
        return StreamSupport.stream(readJson(get("/api/providers")).spliterator(), false)
                .filter(p -> p.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void anAnswerIsAHitPricedByItsTokensAndTheSecondAskCostsNothing(Vendor vendor) throws Exception {
        VENDORS.stubFor(vendor.exact().apply(call(vendor)).willReturn(ok(vendor)));
        var key = unique("happy");

        var answer = ask(vendor.name(), key, personalize());

        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.fields()).containsEntry("content", ANSWER).containsAllEntriesOf(vendor.hitFields());
        assertThat(answer.cost()).isCloseTo(vendor.hitCost(), within(1e-12));
        assertThat(jdbc.sql("SELECT cost FROM provider_call WHERE provider = :p AND request_key = :k").param("p", vendor.name())
                .param("k", "llm:" + key).query(java.math.BigDecimal.class).single()).isEqualByComparingTo(vendor.ledgerCost());
        assertThat(sent(vendor)).hasSize(1);
        var sentBody = body(sent(vendor).get(0));
        assertThat(sentBody.path("messages")).hasSize(vendor.messagesSent());
        assertThat(sentBody.has("response_format")).isEqualTo(vendor.jsonMode());

        var again = ask(vendor.name(), key, personalize());
        assertThat(again.cached()).isTrue();
        assertThat(again.cost()).isZero();
        assertThat(again.fields()).containsEntry("content", ANSWER);
        assertThat(sent(vendor)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM provider_call WHERE provider = :p AND request_key = :k")
                .param("p", vendor.name()).param("k", "llm:" + key).query(Long.class).single()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void a429IsRetriedNoSoonerThanItsRetryAfter(Vendor vendor) {
        VENDORS.stubFor(call(vendor).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(vendor, 429, "error-429-rate-limit.json").withHeader("retry-after", "1")).willSetStateTo("free"));
        VENDORS.stubFor(call(vendor).inScenario("limit").whenScenarioStateIs("free").willReturn(ok(vendor)));

        var answer = ask(vendor.name(), unique("limited"), personalize());

        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.attempts()).isEqualTo(2);
        var requests = sent(vendor);
        assertThat(requests).hasSize(2);
        long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("the second request waited for retry-after: 1").isBetween(1000L, 2900L);
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void overloadAndServerErrorsAreRetried(Vendor vendor) {
        VENDORS.stubFor(call(vendor).inScenario("burst").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(vendor, vendor.overloadStatus(), vendor.overloadFixture())).willSetStateTo("second"));
        VENDORS.stubFor(call(vendor).inScenario("burst").whenScenarioStateIs("second")
                .willReturn(json(vendor, 500, "error-500.json")).willSetStateTo("up"));
        VENDORS.stubFor(call(vendor).inScenario("burst").whenScenarioStateIs("up").willReturn(ok(vendor)));

        var answer = ask(vendor.name(), unique("burst"), personalize());

        assertThat(answer.outcome()).isEqualTo("hit");
        assertThat(answer.attempts()).isEqualTo(3);
        assertThat(sent(vendor)).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void aSpentQuotaIsNotRetriedOpensTheBreakerAndIsShownAsTheProvidersProblem(Vendor vendor) {
        VENDORS.stubFor(call(vendor).willReturn(json(vendor, vendor.quotaStatus(), vendor.quotaFixture())));
        var provider = vendor.name() + "-quota";

        var answer = ask(provider, unique("quota"), personalize());

        assertThat(answer.outcome()).isEqualTo("rate_limited");
        assertThat(answer.httpStatus()).isEqualTo(vendor.quotaStatus());
        assertThat(sent(vendor)).hasSize(1);
        assertThat(providers.require(provider).breaker().getState().name()).isEqualTo("OPEN");
        var row = providerRow(provider);
        assertThat(row.path("problem").asText()).contains(vendor.quotaProblem());
        assertThat(row.path("breaker").asText()).isEqualTo("OPEN");

        assertThat(ask(provider, unique("quota-next"), personalize()).outcome()).isEqualTo("circuit_open");
        assertThat(sent(vendor)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void onlyBillingErrorsCountAsASpentQuota(Vendor vendor) {
        var client = spring.getBean(vendor.client());
        for (var error : vendor.billing()) {
            assertThat(client.isQuotaExhausted(error.status(), error.body())).as("%d %s", error.status(), error.body())
                    .isEqualTo(error.quotaSpent());
        }
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void aBadRequestIsNotRetried(Vendor vendor) {
        VENDORS.stubFor(call(vendor).willReturn(json(vendor, 400, vendor.badRequestFixture())));
        assertThat(ask(vendor.name(), unique("bad"), personalize()).outcome()).isEqualTo("error: http 400");
        assertThat(sent(vendor)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void aRefusedKeyIsMisconfiguredUntilTheNextAnswer(Vendor vendor) {
        VENDORS.stubFor(call(vendor).willReturn(json(vendor, 401, "error-401.json")));
        assertThat(ask(vendor.name(), unique("key"), personalize()).outcome()).isEqualTo("misconfigured");
        assertThat(sent(vendor)).hasSize(1);
        assertThat(providers.problem(vendor.name())).hasValueSatisfying(p -> assertThat(p).contains("API key was refused"));
        // the next answer clears it
        VENDORS.stubFor(call(vendor).willReturn(ok(vendor)));
        assertThat(ask(vendor.name(), unique("key-fixed"), personalize()).isHit()).isTrue();
        assertThat(providers.problem(vendor.name())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void aSlowServerTimesOutAsAnError(Vendor vendor) {
        VENDORS.stubFor(call(vendor).willReturn(ok(vendor).withFixedDelay(1600)));
        var answer = ask(vendor.name(), unique("slow"), personalize());
        assertThat(answer.outcome()).startsWith("error");
        assertThat(answer.isHit()).isFalse();
        assertThat(answer.latencyMs()).isLessThan(1600);
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void anAnswerWithoutTextIsAnErrorNotAnEmptyHit(Vendor vendor) {
        VENDORS.stubFor(call(vendor).willReturn(vendor.ok().apply(json(vendor, 200, vendor.emptyFixture()))));
        var key = unique("empty");
        var answer = ask(vendor.name(), key, personalize());
        assertThat(answer.outcome()).isEqualTo("error: empty answer");
        assertThat(answer.raw()).contains(vendor.emptyReason());
        // not cached: asked again, it is called again
        assertThat(ask(vendor.name(), key, personalize()).outcome()).isEqualTo("error: empty answer");
        assertThat(sent(vendor)).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void slowsDownAsTheRateLimitHeadersRunOut(Vendor vendor) {
        VENDORS.stubFor(call(vendor).willReturn(vendor.paced().apply(json(vendor, 200, vendor.okFixture()))));
        var provider = vendor.name() + "-paced";
        assertThat(ask(provider, unique("paced-1"), personalize()).isHit()).isTrue();
        assertThat(ask(provider, unique("paced-2"), personalize()).isHit()).isTrue();
        var requests = sent(vendor);
        long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("paused for one request's share of the reset").isGreaterThanOrEqualTo(vendor.pacedGapMillis());

        var client = spring.getBean(vendor.client());
        for (var pause : vendor.pauses().get()) {
            assertThat(client.pauseMillis(pause.headers())).as(pause.headers().toString()).isBetween(pause.min(), pause.max());
        }
    }

    @Test
    void anOpenAiPlainPromptSendsNeitherSystemMessageNorJsonMode() throws Exception {
        var vendor = openAi();
        VENDORS.stubFor(call(vendor).willReturn(ok(vendor)));
        assertThat(ask("openai", unique("plain"), Map.of("prompt", "Say hello to Acme Robotics.")).outcome()).isEqualTo("hit");
        var sentBody = body(sent(vendor).get(0));
        assertThat(sentBody.path("messages")).hasSize(1);
        assertThat(sentBody.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(sentBody.has("response_format")).isFalse();
    }

    @Test
    void aFencedAnthropicJsonAnswerIsUnwrappedWhenJsonWasAskedFor() {
        var vendor = anthropic();
        VENDORS.stubFor(call(vendor).willReturn(vendor.ok().apply(json(vendor, 200, "message-fenced.json"))));
        assertThat(ask("anthropic", unique("fenced"), personalize()).fields())
                .containsEntry("content", "{\"subject\": \"Pallet routing at Acme Robotics\"}");
        assertThat(ask("anthropic", unique("fenced-text"), Map.of("prompt", "Say hello.")).fields().get("content").toString())
                .startsWith("```json");
    }

    @Test
    void aLocalOpenAiCompatibleServerNeedsNoKeyAndARemoteOneDoes() {
        var vendor = openAi();
        VENDORS.stubFor(call(vendor).withHeader("Authorization", WireMock.absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.2:3b")))
                .willReturn(json(vendor, 200, "chat-completion-ollama.json")));

        var local = ask("openai-local", unique("local"), personalize());

        assertThat(local.outcome()).isEqualTo("hit");
        // a small model fenced its JSON: asked for JSON, the hub hands on the JSON only
        assertThat(local.fields()).containsEntry("content", "{\"subject\": \"Pallet routing at Acme Robotics\"}")
                .containsEntry("model", "llama3.2:3b").containsEntry("input_tokens", 96L);
        assertThat(local.cost()).isZero();
        assertThat(sent(vendor)).hasSize(1);

        assertThat(ask("openai-keyless", unique("remote"), personalize()).outcome()).isEqualTo("no_api_key");
        assertThat(sent(vendor)).hasSize(1);

        var client = spring.getBean(OpenAiProviderClient.class);
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
}
