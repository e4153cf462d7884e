package io.leadhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant's key sees and changes its own workspace only, whatever it sends; an operator key sees them all. */
class TenantIsolationTest extends SecuredHubTest {

    private String acmeLead;

    @BeforeEach
    void acmeHasALead() {
        var posted = raw("POST", "/api/leads", Map.of("X-API-Key", ACME_KEY),
                "{\"email\":\"wile@acme-tenant.example.com\",\"first_name\":\"Wile\",\"company\":\"Acme Tenant\"}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        acmeLead = json(posted).path("accepted").get(0).path("leadId").asText();
        assertThat(leadCount("id = CAST(? AS uuid) AND workspace = 'acme'", acmeLead)).isOne();
    }

    @Test
    void anotherTenantCannotListOrReadIt() {
        var globex = Map.of("X-API-Key", GLOBEX_KEY);
        assertThat(raw("GET", "/api/leads?q=acme-tenant", globex).body()).doesNotContain(acmeLead, "wile@");
        assertThat(raw("GET", "/api/leads?q=acme-tenant&workspace=acme", globex).body()).doesNotContain(acmeLead);
        for (var path : new String[]{"/api/leads/%s", "/api/leads/%s/score", "/api/leads/%s/events",
                "/api/leads/%s/enrichment", "/api/leads/%s/outreach"}) {
            var answer = raw("GET", path.formatted(acmeLead), globex);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("wile@");
        }
        assertThat(raw("POST", "/api/leads/" + acmeLead + "/events", globex,
                "[{\"type\":\"email_open\"}]").status()).isEqualTo(404);
        assertThat(raw("GET", "/api/leads/" + acmeLead, Map.of("X-API-Key", ACME_KEY)).status()).isEqualTo(200);
    }

    @Test
    void noHeaderOrParameterChoosesTheWorkspace() {
        var tricks = Map.of("X-API-Key", GLOBEX_KEY, "X-Leadhub-Workspace", "acme", "leadhubWorkspace", "acme",
                "leadhubCaller", "*", "X-Forwarded-For", "127.0.0.1");
        assertThat(raw("GET", "/api/leads/" + acmeLead, tricks).status()).isEqualTo(404);
        assertThat(raw("GET", "/api/leads?q=acme-tenant", tricks).body()).doesNotContain(acmeLead);
        assertThat(raw("GET", "/api/leads?q=acme-tenant&workspace=acme", tricks).body()).doesNotContain(acmeLead);

        // a tenant's write lands in its own workspace, whatever it names
        var posted = raw("POST", "/api/leads?workspace=acme", tricks,
                "{\"email\":\"intruder@globex-tenant.example.com\",\"first_name\":\"In\",\"company\":\"Globex\"}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        assertThat(leadCount("email = ? AND workspace = 'globex'", "intruder@globex-tenant.example.com")).isOne();
        assertThat(leadCount("email = ? AND workspace <> 'globex'", "intruder@globex-tenant.example.com")).isZero();
    }

    @Test
    void hubWidePathsAreForOperators() {
        var acme = Map.of("X-API-Key", ACME_KEY);
        for (var path : new String[]{"/api/dead-letters", "/api/providers", "/actuator/metrics", "/actuator/health"}) {
            var answer = raw("GET", path, acme);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.body()).contains("\"status\":403");
        }
        assertThat(raw("POST", "/api/dead-letters/replay", acme, "{}").status()).isEqualTo(403);
        assertThat(raw("GET", "/api/dead-letters", Map.of("X-API-Key", OPERATOR_KEY)).status()).isEqualTo(200);
    }

    @Test
    void anOperatorSeesEveryWorkspaceAndPicksOne() {
        var operator = Map.of("X-API-Key", OPERATOR_KEY);
        assertThat(raw("GET", "/api/leads/" + acmeLead, operator).status()).isEqualTo(200);
        assertThat(raw("GET", "/api/leads?q=acme-tenant", operator).body()).contains(acmeLead);
        assertThat(raw("GET", "/api/leads?q=acme-tenant&workspace=acme", operator).body()).contains(acmeLead);
        assertThat(raw("GET", "/api/leads?q=acme-tenant&workspace=globex", operator).body()).doesNotContain(acmeLead);

        var posted = raw("POST", "/api/leads?workspace=globex", operator,
                "{\"email\":\"picked@operator-tenant.example.com\",\"first_name\":\"Op\",\"company\":\"Globex\"}");
        assertThat(posted.status()).isEqualTo(202);
        assertThat(leadCount("email = ? AND workspace = 'globex'", "picked@operator-tenant.example.com")).isOne();

        var bad = raw("POST", "/api/leads?workspace=" + "w".repeat(300), operator,
                "{\"email\":\"long@operator-tenant.example.com\",\"first_name\":\"Op\",\"company\":\"Globex\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("workspace must be");
        for (var odd : new String[]{"%00", "a%0Ab", "..%2F..", "%27%20OR%201=1", "x".repeat(64)}) {
            var answer = raw("GET", "/api/products?workspace=" + odd, operator);
            assertThat(answer.status()).as(odd).isEqualTo(400);
            assertThat(raw("GET", "/api/leads?workspace=" + odd, Map.of("X-API-Key", GLOBEX_KEY)).status()).as(odd).isEqualTo(400);
        }
    }

    private JsonNode json(Raw answer) {
        try {
            return json.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
