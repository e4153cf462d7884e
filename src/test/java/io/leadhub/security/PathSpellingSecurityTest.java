package io.leadhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spelling of a protected path that a container, a framework or a proxy might read as that path is refused
 * without a key: 400 (the firewall), 401 (no key) or 404 (no such path), never an answer from a handler.
 */
class PathSpellingSecurityTest extends SecuredHubTest {

    /** The paths that need a key: MVC controllers, Camel routes, actuator and the OpenAPI document. */
    static final List<String> PROTECTED = List.of(
            "/api/leads", "/api/leads/00000000-0000-0000-0000-000000000001", "/api/ingest/rejections",
            "/api/ingest/files", "/api/scoring/rules", "/api/products", "/api/providers", "/api/dead-letters",
            "/api/analytics/scores", "/actuator/metrics", "/actuator/health", "/actuator/prometheus",
            "/actuator/info", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html", "/");

    /** Ways to write a path so that a naive prefix check on the raw URI misses it. */
    static Stream<String> spellings() {
        return PROTECTED.stream().flatMap(path -> {
            var rest = path.length() > 1 ? path.substring(1) : "";
            var first = rest.isEmpty() ? "" : rest.substring(0, 1);
            var tail = rest.isEmpty() ? "" : rest.substring(1);
            var slash = rest.indexOf('/');
            var head = slash < 0 ? rest : rest.substring(0, slash);
            var after = slash < 0 ? "" : rest.substring(slash);
            return Stream.of(
                    path,
                    "/%" + Integer.toHexString(first.isEmpty() ? 'a' : first.charAt(0)) + tail,    // /%61pi/leads
                    "/%25" + Integer.toHexString(first.isEmpty() ? 'a' : first.charAt(0)) + tail,  // double encoded
                    "/" + head + ";x=1" + after,                                                   // /api;x=1/leads
                    path + ";jsessionid=1",
                    "/" + head + "%2F" + (after.isEmpty() ? "" : after.substring(1)),             // encoded slash
                    "/" + head + "%2f" + (after.isEmpty() ? "" : after.substring(1)),
                    "/" + head + "%5C" + (after.isEmpty() ? "" : after.substring(1)),             // encoded backslash
                    "//" + rest,
                    "/./" + rest,
                    "/" + head + "/." + after,
                    "/x/../" + rest,
                    "/%2e/" + rest,
                    "/webhooks/../" + rest,
                    "/webhooks/%2e%2e/" + rest,
                    "/webhooks/..;/" + rest,
                    "/actuator/health/liveness/../../../" + rest,
                    "/actuator/health/liveness;/../../../" + rest,
                    path + "/",
                    path.toUpperCase(),
                    path + "%00",
                    path + "?workspace=*");
        }).distinct();
    }

    @ParameterizedTest
    @MethodSource("spellings")
    void withoutAKeyNoSpellingReachesAHandler(String target) {
        var answer = raw("GET", target, Map.of("X-Leadhub-Workspace", "acme", "leadhubCaller", "*"));
        assertThat(answer.status()).as(target + " -> " + answer.head()).isIn(400, 401, 404);
        assertThat(answer.body()).as(target).doesNotContain("\"items\"", "\"jvm.", "\"openapi\"", "Swagger UI");
    }

    @ParameterizedTest
    @MethodSource("spellings")
    void aWrongKeyIsNoBetterThanNone(String target) {
        var answer = raw("GET", target, Map.of("X-API-Key", "k-acme-4f1c9a7e2b6"));
        assertThat(answer.status()).as(target + " -> " + answer.head()).isIn(400, 401, 404);
    }

    @Test
    void aLeadPostedUnderAnotherSpellingIsNotStored() {
        for (var target : List.of("/%61pi/leads", "/api;x=1/leads", "//api/leads", "/api/./leads", "/API/leads",
                "/webhooks/../api/leads", "/api/leads/")) {
            var answer = raw("POST", target, Map.of(), "{\"email\":\"spelled@spelling-test.example.com\",\"first_name\":\"Spell\"}");
            assertThat(answer.status()).as(target).isIn(400, 401, 404, 405);
        }
        assertThat(leadCount("email = ?", "spelled@spelling-test.example.com")).isZero();
    }

    @Test
    void theProbesArePublicAndTheRestAnswersWithAKey() {
        assertThat(raw("GET", "/actuator/health/liveness", Map.of()).status()).isEqualTo(200);
        assertThat(raw("GET", "/actuator/health/readiness", Map.of()).status()).isEqualTo(200);
        var liveness = raw("GET", "/actuator/health/liveness", Map.of()).body();
        assertThat(liveness).doesNotContain("components", "db", "diskSpace");
        var noKey = raw("GET", "/api/leads", Map.of());
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.body()).contains("needs an API key");
        assertThat(raw("GET", "/api/leads", Map.of("X-API-Key", ACME_KEY)).status()).isEqualTo(200);
        assertThat(raw("GET", "/api/leads", Map.of("Authorization", "Bearer " + ACME_KEY)).status()).isEqualTo(200);
        assertThat(raw("GET", "/actuator/health", Map.of("X-API-Key", OPERATOR_KEY)).body()).contains("components");
        assertThat(raw("GET", "/actuator/metrics", Map.of("X-API-Key", OPERATOR_KEY)).status()).isEqualTo(200);
        assertThat(raw("GET", "/v3/api-docs", Map.of("X-API-Key", ACME_KEY)).status()).isEqualTo(200);
    }

    @Test
    void theFirewallAnswersWithAReason() {
        var answer = raw("GET", "/api;x=1/leads", Map.of("X-API-Key", ACME_KEY));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"status\":400", "request refused");
    }
}
