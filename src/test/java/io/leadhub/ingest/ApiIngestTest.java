package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

class ApiIngestTest extends SharedHubTest {

    @Test
    void acceptsAnArrayAndRejectsTheRecordThatCannotBeALead() {
        var response = postJson("/api/leads", """
                [{"email":"Jane.Api@Acme-Robotics.com","first_name":"Jane","last_name":"Doe",
                  "company":"Acme Robotics, Inc.","phone":"(415) 555-0132","linkedin":"uk.linkedin.com/in/Jane-Doe-123/?trk=x"},
                 {"first_name":"Bob"},
                 {"name":"Sam Smith","company":"Globex GmbH"}]""");

        assertThat(response.statusCode()).isEqualTo(202);
        var body = readJson(response);
        assertThat(body.path("acceptedCount").asInt()).isEqualTo(2);
        assertThat(body.path("rejected").get(0).path("position").asText()).isEqualTo("index 1");
        assertThat(body.path("rejected").get(0).path("reason").asText())
                .isEqualTo("missing email and no company (a lead without email needs name + company)");

        var jane = readJson(get("/api/leads/" + body.path("accepted").get(0).path("leadId").asText()));
        assertThat(jane.path("email").asText()).isEqualTo("jane.api@acme-robotics.com");
        assertThat(jane.path("phone").asText()).isEqualTo("+14155550132");
        assertThat(jane.path("companyDomain").asText()).isEqualTo("acme-robotics.com");
        assertThat(jane.path("companyNameNormalized").asText()).isEqualTo("acme robotics");
        assertThat(jane.path("linkedinUrl").asText()).isEqualTo("https://www.linkedin.com/in/jane-doe-123");
        assertThat(jane.path("status").asText()).isEqualTo("received");

        var sam = readJson(get("/api/leads/" + body.path("accepted").get(1).path("leadId").asText()));
        assertThat(sam.path("leadKey").asText()).isEqualTo("name:sam smith@company:globex");
        assertThat(jdbc.sql("SELECT count(*) FROM ingest_rejection WHERE source = 'api' AND reason LIKE 'missing email and no company%'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void theSamePersonTwiceIsOneLeadAndLaterValuesOnlyFillGaps() {
        var first = readJson(postJson("/api/leads", """
                {"email":"max@initech.com","first_name":"Max","title":"CTO"}"""));
        var second = readJson(postJson("/api/leads", """
                {"Email":"MAX@Initech.com","Company":"Initech","Job Title":"Intern","title":""}"""));

        var id = first.path("accepted").get(0).path("leadId").asText();
        assertThat(second.path("accepted").get(0).path("leadId").asText()).isEqualTo(id);
        assertThat(second.path("accepted").get(0).path("newLead").asBoolean()).isFalse();
        var lead = readJson(get("/api/leads/" + id));
        assertThat(lead.path("title").asText()).isEqualTo("CTO");
        assertThat(lead.path("companyName").asText()).isEqualTo("Initech");
        assertThat(lead.path("firstName").asText()).isEqualTo("Max");
        assertThat(lead.path("sourceRecords")).hasSize(2);
    }

    @Test
    void theSamePersonTwiceInOneBatchIsMergedIntoOneLead() {
        var response = readJson(postJson("/api/leads", """
                [{"email":"twice@vandelay.com","title":"Importer"},
                 {"email":"TWICE@vandelay.com","title":"Exporter","phone":"+1 212 555 0199"}]"""));
        var ids = response.path("accepted").findValuesAsText("leadId");
        assertThat(ids).hasSize(2).containsOnly(ids.get(0));
        var lead = readJson(get("/api/leads/" + ids.get(0)));
        assertThat(lead.path("title").asText()).isEqualTo("Importer");
        assertThat(lead.path("phone").asText()).isEqualTo("+12125550199");
        assertThat(lead.path("sourceRecords")).hasSize(2);
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKeyStoresNothingNew() {
        var body = """
                [{"email":"once@umbrella.io"}]""";
        var headers = Map.of("Idempotency-Key", "batch-" + UUID.randomUUID());
        var first = readJson(post("/api/leads", "application/json", body, headers));
        var again = readJson(post("/api/leads", "application/json", body, headers));

        assertThat(first.path("accepted").get(0).path("repeatDelivery").asBoolean()).isFalse();
        assertThat(again.path("accepted").get(0).path("repeatDelivery").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM source_record s JOIN lead l ON l.id = s.lead_id WHERE l.email = 'once@umbrella.io'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void tooManyRecordsOrBytesAnswer413NamingTheLimit() {
        var many = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"email\":\"p").append(i).append("@many.io\"}");
        }
        var tooMany = postJson("/api/leads", many.append("]").toString());
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(readJson(tooMany).path("error").asText()).contains("limit is 50").contains("leadhub.api.max-records");

        var tooBig = postJson("/api/leads", "{\"email\":\"big@big.io\",\"notes\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(readJson(tooBig).path("error").asText()).contains("65536").contains("leadhub.api.max-body-bytes");
        assertThat(leadCount("email = 'big@big.io' OR email LIKE '%@many.io'")).isZero();
    }

    @Test
    void anArrayWrappedInAnObjectIsReadAsTheLeads() {
        var body = readJson(postJson("/api/leads", """
                {"leads": [{"email":"w1@wrapper-co.com"},{"email":"w2@wrapper-co.com"}], "meta": {"source": "form"}}"""));
        assertThat(body.path("acceptedCount").asInt()).isEqualTo(2);
    }

    @Test
    void bodyThatIsNotJsonIsRefusedWithWhere() {
        var response = postJson("/api/leads", "{\"email\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response).path("error").asText()).startsWith("body is not JSON");
    }

    @Test
    void workspacesKeepTheirLeadsApart() {
        postJson("/api/leads?workspace=tenant-b", "{\"email\":\"tenant@split-co.com\"}");
        postJson("/api/leads", "{\"email\":\"tenant@split-co.com\"}");
        assertThat(leadCount("email = 'tenant@split-co.com'")).isEqualTo(2);
        assertThat(readJson(get("/api/leads?q=split-co&workspace=tenant-b")).path("total").asLong()).isEqualTo(1);
        assertThat(readJson(get("/api/leads?q=split-co")).path("total").asLong()).isEqualTo(2);
    }

    @Test
    void aMistypedParameterIs400() {
        var response = get("/api/leads?page=abc");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(readJson(response).path("error").asText()).contains("wrong type");
    }

    @Test
    void listFiltersByTextAndStatus() {
        postJson("/api/leads", """
                {"email":"filter.me@soylent.io","company":"Soylent Corp"}""");
        var page = readJson(get("/api/leads?q=soylent&status=received"));
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("companyDomain").asText()).isEqualTo("soylent.io");
        assertThat(readJson(get("/api/leads?q=soylent&status=enriched")).path("total").asLong()).isZero();
        assertThat(readJson(get("/api/leads?q=soylent&source=api")).path("total").asLong()).isEqualTo(1);
        assertThat(readJson(get("/api/leads?q=soylent&source=file")).path("total").asLong()).isZero();
    }
}
