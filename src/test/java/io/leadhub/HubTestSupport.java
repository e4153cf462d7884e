package io.leadhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.leadhub.enrich.ProviderAnswer;
import io.leadhub.enrich.ProviderRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One hub for the whole suite: real embedded PostgreSQL, real Camel routes from routes/, and one local HTTP
 * server (WireMock) speaking the vendors' wire formats. Every test class extends this, so Spring caches and
 * shares a single context (and a single database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
public abstract class HubTestSupport {

    protected static final WireMockServer VENDORS = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    protected static final Path WORK;
    /** A port nothing listens on (found free, then closed): the address of a provider whose server is gone. */
    protected static final int DEAD_PORT;
    protected static final String HUBSPOT_SECRET = "hubspot-client-secret";
    protected static final String GENERIC_SECRET = "typeform-secret";

    static {
        VENDORS.start();
        try (var probe = new java.net.ServerSocket(0)) {
            DEAD_PORT = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            WORK = Files.createTempDirectory("leadhub-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Overrides that give a test class a hub of its own (its own context): its database, inbox and Quartz scheduler,
     * named after it. Add the class's own settings, then pass them to {@link #hubProperties}.
     */
    protected static Map<String, String> ownHub(String name) {
        var overrides = new java.util.HashMap<String, String>();
        overrides.put("leadhub.embedded-postgres.data-dir", WORK.resolve("pg-" + name).toString());
        overrides.put("leadhub.inbox.dir", WORK.resolve("inbox-" + name).toString());
        overrides.put("leadhub.scheduler-name", name + "-test");
        return overrides;
    }

    /**
     * The hub's test configuration. A test class that needs a context of its own passes overrides (and a data
     * directory of its own); all others share one context through {@link SharedHubTest}.
     */
    protected static void hubProperties(DynamicPropertyRegistry target, Map<String, String> overrides) {
        var used = new java.util.HashSet<String>();
        DynamicPropertyRegistry registry = (name, supplier) -> {
            used.add(name);
            target.add(name, overrides.containsKey(name) ? () -> overrides.get(name) : supplier);
        };
        registry.add("leadhub.embedded-postgres.data-dir", () -> WORK.resolve("pg").toString());
        // the enrichment stage runs in its own context (EnrichmentStageTest), so that background calls to the
        // local vendor server never mix with the request counts of the provider and webhook tests
        registry.add("leadhub.enrichment.enabled", () -> "false");
        registry.add("leadhub.inbox.dir", () -> WORK.resolve("inbox").toString());
        registry.add("leadhub.scoring.rules-dir", () -> WORK.resolve("scoring").toString());
        registry.add("leadhub.scoring.rules-check-interval", () -> "1s");
        // events of the score-w workspace go to a webhook on the local server
        registry.add("leadhub.events.webhooks.crm.url", () -> VENDORS.baseUrl() + "/hooks/crm");
        registry.add("leadhub.events.webhooks.crm.secret", () -> "whsec-test");
        registry.add("leadhub.events.webhooks.crm.workspace", () -> "events-w");
        registry.add("leadhub.events.webhooks.crm.types", () -> "lead.scored");
        registry.add("leadhub.events.webhooks.crm.backoff", () -> "100ms");
        // personalization writes with an OpenAI-compatible LLM on the local server; unstubbed, it answers 404 and
        // the template writer takes over
        registry.add("leadhub.personalization.llm", () -> "writer");
        registry.add("leadhub.providers.writer.type", () -> "openai");
        registry.add("leadhub.providers.writer.base-url", () -> VENDORS.baseUrl() + "/v1");
        registry.add("leadhub.providers.writer.api-key", () -> "sk-test-writer");
        registry.add("leadhub.providers.writer.model", () -> "gpt-4o-mini");
        registry.add("leadhub.providers.writer.price-input-per-million", () -> "0.15");
        registry.add("leadhub.providers.writer.price-output-per-million", () -> "0.60");
        registry.add("leadhub.providers.writer.timeout", () -> "2000");
        registry.add("leadhub.providers.writer.retry-backoff", () -> "20");
        registry.add("leadhub.providers.writer.retry-max-wait", () -> "2000");
        registry.add("leadhub.providers.writer.breaker-minimum-calls", () -> "1000");
        registry.add("leadhub.scoring.model.minimum-outcomes", () -> "40");
        registry.add("leadhub.inbox.stable-check-interval", () -> "100");
        registry.add("leadhub.inbox.min-age", () -> "100");
        // a file dropped again under the same name waits this long after the first one's move
        registry.add("leadhub.inbox.claim-release-delay", () -> "200");
        registry.add("leadhub.ingest.chunk-size", () -> "3");
        registry.add("leadhub.api.max-records", () -> "50");
        registry.add("leadhub.api.max-body-bytes", () -> "65536");
        registry.add("leadhub.webhooks.max-body-bytes", () -> "131072");
        registry.add("leadhub.hubspot.api-base-url", VENDORS::baseUrl);
        registry.add("leadhub.hubspot.access-token", () -> "pat-test-token");
        registry.add("leadhub.hubspot.timeout", () -> "2000");
        registry.add("leadhub.webhooks.hubspot.client-secret", () -> HUBSPOT_SECRET);
        registry.add("leadhub.webhooks.pipedrive.username", () -> "pipedrive");
        registry.add("leadhub.webhooks.pipedrive.password", () -> "s3cret");
        registry.add("leadhub.webhooks.generic.typeform.items-pointer", () -> "/form_response");
        registry.add("leadhub.webhooks.generic.typeform.mapping.email", () -> "/hidden/email");
        registry.add("leadhub.webhooks.generic.typeform.mapping.fullName", () -> "/hidden/name");
        registry.add("leadhub.webhooks.generic.typeform.mapping.companyName", () -> "/hidden/company");
        registry.add("leadhub.webhooks.generic.typeform.mapping.sourceId", () -> "/token");
        registry.add("leadhub.webhooks.generic.typeform.secret", () -> GENERIC_SECRET);
        registry.add("leadhub.webhooks.generic.typeform.signature-header", () -> "Typeform-Signature");
        registry.add("leadhub.webhooks.generic.plain.workspace", () -> "default");
        // a source that never fires by itself; tests run it through POST /api/sources/{name}/poll
        registry.add("leadhub.sources.crm-export.type", () -> "http");
        registry.add("leadhub.sources.crm-export.cron", () -> "0 0 0 1 1 ? 2099");
        registry.add("leadhub.sources.crm-export.url", () -> VENDORS.baseUrl() + "/v1/contacts?list=all");
        registry.add("leadhub.sources.crm-export.auth-value", () -> "Bearer source-token");
        registry.add("leadhub.sources.crm-export.page-size", () -> "2");
        registry.add("leadhub.sources.crm-export.items-pointer", () -> "/data");
        registry.add("leadhub.sources.crm-export.mapping.sourceId", () -> "/id");
        registry.add("leadhub.sources.crm-export.mapping.email", () -> "/contact/email");
        registry.add("leadhub.sources.crm-export.mapping.fullName", () -> "/contact/name");
        registry.add("leadhub.sources.crm-export.mapping.companyName", () -> "/company/name");
        registry.add("leadhub.sources.hubspot-contacts.type", () -> "hubspot");
        // enrichment providers against the local server; one per test concern so breakers and caches stay apart
        for (var id : new String[]{"hunter", "hunter-outage", "hunter-quota", "hunter-capped"}) {
            var prefix = "leadhub.providers." + id + ".";
            registry.add(prefix + "type", () -> "hunter");
            registry.add(prefix + "base-url", VENDORS::baseUrl);
            registry.add(prefix + "api-key", () -> "hunter-test-key");
            registry.add(prefix + "signals", () -> "email_verification");
            registry.add(prefix + "rate", () -> "50");
            registry.add(prefix + "timeout", () -> "1000");
            registry.add(prefix + "retry-attempts", () -> "3");
            registry.add(prefix + "retry-backoff", () -> "20");
            registry.add(prefix + "retry-max-wait", () -> "3000");
            registry.add(prefix + "breaker-minimum-calls", () -> "3");
            registry.add(prefix + "breaker-window", () -> "3");
            registry.add(prefix + "breaker-open-duration", () -> "1500");
            registry.add(prefix + "cost-per-call", () -> "0.01");
        }
        registry.add("leadhub.providers.hunter-capped.daily-cap", () -> "0.025");
        // outages the breaker must see (ProviderBreakerTest): a server gone (connection refused) and one too slow
        for (var id : new String[]{"hunter-dead", "hunter-slow", "hunter-5xx"}) {
            var prefix = "leadhub.providers." + id + ".";
            registry.add(prefix + "type", () -> "hunter");
            registry.add(prefix + "api-key", () -> "hunter-test-key");
            registry.add(prefix + "rate", () -> "50");
            registry.add(prefix + "timeout", () -> "hunter-slow".equals(id) ? "300" : "2000");
            registry.add(prefix + "retry-attempts", () -> "2");
            registry.add(prefix + "retry-backoff", () -> "20");
            registry.add(prefix + "retry-max-wait", () -> "1000");
            registry.add(prefix + "breaker-minimum-calls", () -> "3");
            registry.add(prefix + "breaker-window", () -> "3");
            // long enough that a slow machine still sees it open between the calls and the checks
            registry.add(prefix + "breaker-open-duration", () -> "8000");
            registry.add(prefix + "cost-per-call", () -> "0.01");
        }
        registry.add("leadhub.providers.hunter-dead.base-url", () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add("leadhub.providers.hunter-slow.base-url", VENDORS::baseUrl);
        registry.add("leadhub.providers.hunter-5xx.base-url", VENDORS::baseUrl);
        // a vendor whose answers can end a call in an Error (TroubledProviderClient, InFlightQuestionsTest)
        registry.add("leadhub.providers.troubled.type", () -> "troubled");
        registry.add("leadhub.providers.troubled.base-url", VENDORS::baseUrl);
        registry.add("leadhub.providers.troubled.timeout", () -> "2000");
        registry.add("leadhub.providers.troubled.retry-attempts", () -> "1");
        registry.add("leadhub.providers.troubled.retry-max-wait", () -> "200");
        registry.add("leadhub.providers.troubled.breaker-minimum-calls", () -> "50");
        for (var id : new String[]{"apollo", "apollo-limited"}) {
            var prefix = "leadhub.providers." + id + ".";
            registry.add(prefix + "type", () -> "apollo");
            registry.add(prefix + "base-url", VENDORS::baseUrl);
            registry.add(prefix + "api-key", () -> "apollo-test-key");
            registry.add(prefix + "signals", () -> "company,techstack,funding,person");
            registry.add(prefix + "rate", () -> "50");
            registry.add(prefix + "timeout", () -> "1000");
            registry.add(prefix + "retry-backoff", () -> "20");
            registry.add(prefix + "retry-max-wait", () -> "3000");
            registry.add(prefix + "cost-per-hit", () -> "1");
        }
        registry.add("leadhub.providers.hunter-keyless.type", () -> "hunter");
        registry.add("leadhub.providers.hunter-keyless.base-url", VENDORS::baseUrl);
        registry.add("leadhub.sources.hubspot-contacts.cron", () -> "0 0 0 1 1 ? 2099");
        // a provider defined only by configuration, here in People Data Labs' company enrichment format
        registry.add("leadhub.providers.pdl.type", () -> "http");
        registry.add("leadhub.providers.pdl.base-url", VENDORS::baseUrl);
        registry.add("leadhub.providers.pdl.url-template", () -> "/v5/company/enrich?website={domain}&pretty=false");
        registry.add("leadhub.providers.pdl.api-key", () -> "pdl-test-key");
        registry.add("leadhub.providers.pdl.auth-header", () -> "X-Api-Key");
        registry.add("leadhub.providers.pdl.auth-scheme", () -> "");
        registry.add("leadhub.providers.pdl.signals", () -> "company");
        registry.add("leadhub.providers.pdl.priority", () -> "200");
        registry.add("leadhub.providers.pdl.mapping.company_name", () -> "/display_name");
        registry.add("leadhub.providers.pdl.mapping.company_employees", () -> "/employee_count");
        registry.add("leadhub.providers.pdl.mapping.company_industry", () -> "/industry");
        registry.add("leadhub.providers.pdl.mapping.company_linkedin_url", () -> "/linkedin_url");
        for (var id : new String[]{"pipe0", "pipe0-async"}) {
            var prefix = "leadhub.providers." + id + ".";
            registry.add(prefix + "type", () -> "pipe0");
            registry.add(prefix + "base-url", VENDORS::baseUrl);
            registry.add(prefix + "api-key", () -> "pipe0-test-key");
            registry.add(prefix + "signals", () -> "company_overview");
            registry.add(prefix + "poll-interval", () -> "50");
        }
        registry.add("leadhub.providers.pipe0-async.mode", () -> "async");
        registry.add("leadhub.providers.website.type", () -> "website");
        registry.add("leadhub.providers.website.signals", () -> "website");
        registry.add("leadhub.providers.website.allow-loopback", () -> "true");
        registry.add("leadhub.providers.website.base-url", () -> VENDORS.baseUrl() + "/sites/{domain}/home");
        registry.add("leadhub.providers.website.timeout", () -> "2000");
        // a website analyser with small bounds, for the download limit tests (no signal: asked directly)
        registry.add("leadhub.providers.website-bounded.type", () -> "website");
        registry.add("leadhub.providers.website-bounded.allow-loopback", () -> "true");
        registry.add("leadhub.providers.website-bounded.base-url", () -> "http://{domain}/bounded-page");
        registry.add("leadhub.providers.website-bounded.timeout", () -> "1000");
        registry.add("leadhub.providers.website-bounded.deadline", () -> "1500ms");
        registry.add("leadhub.providers.website-bounded.max-bytes", () -> "65536");
        registry.add("leadhub.providers.website-bounded.retry-attempts", () -> "1");
        registry.add("leadhub.providers.website-bounded.breaker-minimum-calls", () -> "1000");
        // LLMs (no signals: the personalization stage asks them), in OpenAI's and Anthropic's wire formats
        for (var id : new String[]{"openai", "openai-quota", "openai-paced"}) {
            var prefix = "leadhub.providers." + id + ".";
            registry.add(prefix + "type", () -> "openai");
            registry.add(prefix + "base-url", () -> VENDORS.baseUrl() + "/v1");
            registry.add(prefix + "api-key", () -> "openai-test-key");
            registry.add(prefix + "model", () -> "gpt-4o-mini");
            registry.add(prefix + "max-tokens", () -> "400");
            registry.add(prefix + "temperature", () -> "0.2");
            registry.add(prefix + "price-input-per-million", () -> "0.15");
            registry.add(prefix + "price-output-per-million", () -> "0.60");
            registry.add(prefix + "rate", () -> "50");
            registry.add(prefix + "timeout", () -> "1000");
            registry.add(prefix + "retry-backoff", () -> "20");
            registry.add(prefix + "retry-max-wait", () -> "3000");
            // the error cases of the LLM tests must not open the breaker for the others
            registry.add(prefix + "breaker-minimum-calls", () -> "50");
        }
        // a local server (Ollama's /v1) needs no key; a remote one without a key is skipped
        registry.add("leadhub.providers.openai-local.type", () -> "openai");
        registry.add("leadhub.providers.openai-local.base-url", () -> "http://127.0.0.1:" + VENDORS.port() + "/v1");
        registry.add("leadhub.providers.openai-local.model", () -> "llama3.2:3b");
        registry.add("leadhub.providers.openai-local.timeout", () -> "1000");
        registry.add("leadhub.providers.openai-keyless.type", () -> "openai");
        registry.add("leadhub.providers.openai-keyless.base-url", () -> "https://api.groq.com/openai/v1");
        registry.add("leadhub.providers.openai-keyless.model", () -> "llama-3.1-8b-instant");
        for (var id : new String[]{"anthropic", "anthropic-quota", "anthropic-paced"}) {
            var prefix = "leadhub.providers." + id + ".";
            registry.add(prefix + "type", () -> "anthropic");
            registry.add(prefix + "base-url", VENDORS::baseUrl);
            registry.add(prefix + "api-key", () -> "anthropic-test-key");
            registry.add(prefix + "model", () -> "claude-sonnet-4-5");
            registry.add(prefix + "max-tokens", () -> "400");
            registry.add(prefix + "temperature", () -> "0.2");
            registry.add(prefix + "price-input-per-million", () -> "3");
            registry.add(prefix + "price-output-per-million", () -> "15");
            registry.add(prefix + "rate", () -> "50");
            registry.add(prefix + "timeout", () -> "1000");
            registry.add(prefix + "retry-backoff", () -> "20");
            registry.add(prefix + "retry-max-wait", () -> "3000");
            // the error cases of the LLM tests must not open the breaker for the others
            registry.add(prefix + "breaker-minimum-calls", () -> "50");
        }
        overrides.forEach((name, value) -> {
            if (!used.contains(name)) {
                target.add(name, () -> value);
            }
        });
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected ObjectMapper json;

    @Autowired
    private CamelContext camelContext;
    @Autowired
    private ProducerTemplate producer;
    @Value("${leadhub.inbox.dir}")
    private Path inbox;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The headers of a HubSpot delivery to POST /webhooks/hubspot signed as HubSpot signs it (v3: method, URI, body, time). */
    protected Map<String, String> hubSpotSigned(String body, long timestamp) {
        var uri = "http://localhost:" + port + "/webhooks/hubspot";
        var signature = java.util.Base64.getEncoder().encodeToString(
                io.leadhub.ingest.Signatures.hmacSha256(HUBSPOT_SECRET, "POST" + uri + body + timestamp));
        return Map.of("X-HubSpot-Signature-v3", signature, "X-HubSpot-Request-Timestamp", Long.toString(timestamp));
    }

    /** One question put to a provider through its enrich-provider route, as the enrichment stage asks it. */
    protected ProviderAnswer askProvider(ProviderRequest request) {
        return askProvider(request.provider(), java.util.List.of(request)).get(0);
    }

    /** Questions put to a provider at once (grouped up to its bulk limit), their answers in order. */
    @SuppressWarnings("unchecked")
    protected java.util.List<ProviderAnswer> askProvider(String provider, java.util.List<ProviderRequest> requests) {
        return producer.requestBody("direct:enrich-provider-" + provider, requests, java.util.List.class);
    }

    /** A watch on the route's own completion (see {@link RouteDone}); make it before the action that starts the route. */
    protected RouteDone whenRouteDone(String routeId, Predicate which) {
        return RouteDone.watch(camelContext, routeId, which);
    }

    /**
     * Drops a file into the hub's inbox as a careful user would (written beside it, then moved in) and returns a
     * watch on the inbox route's run for it: once done, the file is moved to .done/ or .error/ and its rows stored.
     */
    protected RouteDone dropIntoInbox(String name, byte[] content) throws IOException {
        var read = whenRouteDone("ingest-file-drop", RouteDone.file(name));
        var staging = Files.createDirectories(WORK.resolve("staging")).resolve(name);
        Files.write(staging, content);
        Files.move(staging, Files.createDirectories(inbox).resolve(name));
        return read;
    }

    /** The status of the inbox file of that name in ingest_file, '' before it is seen. */
    protected String inboxFileStatus(String name) {
        return jdbc.sql("SELECT coalesce(max(status), '') FROM ingest_file WHERE name = :name").param("name", name)
                .query(String.class).single();
    }

    @BeforeEach
    void resetVendors() {
        VENDORS.resetAll();
    }

    protected HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request.build());
    }

    protected HttpResponse<String> postJson(String path, String body) {
        return post(path, "application/json", body, Map.of());
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    protected JsonNode readJson(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String fixture(String path) {
        try (var in = HubTestSupport.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected long leadCount(String whereClause, Object... params) {
        var sql = jdbc.sql("SELECT count(*) FROM lead WHERE " + whereClause);
        for (var p : params) {
            sql = sql.param(p);
        }
        return sql.query(Long.class).single();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
