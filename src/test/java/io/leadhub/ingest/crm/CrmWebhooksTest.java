package io.leadhub.ingest.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import io.leadhub.SharedHubTest;
import io.leadhub.ingest.Signatures;
import org.junit.jupiter.api.Test;

/** Pipedrive, Salesforce and generic JSON webhooks, each with its vendor-format fixtures and auth scheme. */
class CrmWebhooksTest extends SharedHubTest {

    private static final Map<String, String> PIPEDRIVE_AUTH = Map.of("Authorization",
            "Basic " + Base64.getEncoder().encodeToString("pipedrive:s3cret".getBytes()));

    @Test
    void pipedrivePersonBecomesALeadAndAChangeFillsNoBlanks() {
        var created = post("/webhooks/pipedrive", "application/json", fixture("pipedrive/person-create.json"), PIPEDRIVE_AUTH);
        assertThat(created.statusCode()).isEqualTo(200);
        var priya = jdbc.sql("SELECT full_name || '|' || phone || '|' || coalesce(company_domain, '') || '|' || (attributes->>'pipedrive.orgId') FROM lead WHERE email = 'priya@northwind.io'")
                .query(String.class).single();
        assertThat(priya).isEqualTo("Priya Patel|+442079460958|northwind.io|7");

        assertThat(post("/webhooks/pipedrive", "application/json", fixture("pipedrive/person-change.json"), PIPEDRIVE_AUTH).statusCode())
                .isEqualTo(200);
        assertThat(leadCount("email = 'priya@northwind.io'")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM source_record WHERE source = 'pipedrive' AND source_id = 'person:8421'")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void pipedriveV1PersonIsReadToo() {
        var v1 = """
                {"v":1,"matches_filters":{"current":[]},"meta":{"v":1,"action":"added","object":"person","id":77,
                 "company_id":13923453,"user_id":23836724,"host":"leadhub-demo.pipedrive.com","timestamp":1793527500,
                 "timestamp_micro":1793527500123456,"permitted_user_ids":[23836724],"trans_pending":false,
                 "is_bulk_update":false,"change_source":"app","webhook_id":"3046301","webhook_owner_id":23836724,
                 "type":"general","retry":0},
                 "current":{"id":77,"name":"Omar Haddad","first_name":"Omar","last_name":"Haddad",
                  "email":[{"label":"work","value":"omar@cedar-logistics.com","primary":true}],
                  "phone":[{"label":"mobile","value":"","primary":true}],"org_id":12,"org_name":"Cedar Logistics LLC"},
                 "previous":null,"retry":0,"event":"added.person"}""";
        assertThat(post("/webhooks/pipedrive", "application/json", v1, PIPEDRIVE_AUTH).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT full_name || '|' || company_name_normalized FROM lead WHERE email = 'omar@cedar-logistics.com'")
                .query(String.class).single()).isEqualTo("Omar Haddad|cedar logistics");
    }

    @Test
    void pipedriveWithoutOrWithWrongCredentialsIsRefused() {
        var none = post("/webhooks/pipedrive", "application/json", fixture("pipedrive/person-create.json"), Map.of());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(readJson(none).path("error").asText()).contains("missing HTTP basic credentials");
        var wrong = post("/webhooks/pipedrive", "application/json", fixture("pipedrive/person-create.json"),
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("pipedrive:guess".getBytes())));
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void pipedriveLeadWithoutContactDetailsIsRejectedWithAHint() {
        assertThat(post("/webhooks/pipedrive", "application/json", fixture("pipedrive/lead-create.json"), PIPEDRIVE_AUTH).statusCode())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT reason FROM ingest_rejection WHERE source = 'pipedrive' ORDER BY id DESC LIMIT 1")
                .query(String.class).single())
                .contains("Northwind Traders lead").contains("subscribe the webhook to person events");
    }

    @Test
    void salesforceNotificationsAreAcknowledgedAndAResendChangesNothing() {
        var first = post("/webhooks/salesforce", "text/xml; charset=utf-8", fixture("salesforce/lead-notification.xml"),
                Map.of("SOAPAction", "\"\""));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(first.body()).contains("<Ack>true</Ack>").contains("http://soap.sforce.com/2005/09/outbound");
        assertThat(leadCount("email IN ('marco.rossi@fabbrica.it', 'ana@tecnologia.com.br')")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT company_name_normalized FROM lead WHERE email = 'marco.rossi@fabbrica.it'")
                .query(String.class).single()).isEqualTo("fabbrica");

        var resend = post("/webhooks/salesforce", "text/xml; charset=utf-8", fixture("salesforce/lead-notification.xml"), Map.of());
        assertThat(resend.body()).contains("<Ack>true</Ack>");
        assertThat(jdbc.sql("SELECT count(*) FROM source_record WHERE source = 'salesforce' AND raw LIKE '%fabbrica.it%'")
                .query(Long.class).single()).isEqualTo(1);

        post("/webhooks/salesforce", "text/xml; charset=utf-8", fixture("salesforce/contact-notification.xml"), Map.of());
        assertThat(jdbc.sql("SELECT city || '|' || country || '|' || phone FROM lead WHERE email = 'sofia.lindqvist@nordicsteel.se'")
                .query(String.class).single()).isEqualTo("Stockholm|SE|+46812345678");
    }

    @Test
    void salesforceGarbageGetsASoapFault() {
        var response = post("/webhooks/salesforce", "text/xml", "<not-closed>", Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("soapenv:Fault").contains("not a Salesforce outbound message");
    }

    @Test
    void genericWebhookMapsByJsonPointerAndChecksItsSignature() {
        var body = """
                {"event_id":"01HXYZ","event_type":"form_response","form_response":{"token":"tok-1",
                 "hidden":{"email":"Lena@Formhouse.de","name":"Lena Berg","company":"Formhouse GmbH"}}}""";
        var signature = "sha256=" + HexFormat.of().formatHex(Signatures.hmacSha256(GENERIC_SECRET, body));
        var accepted = post("/webhooks/generic/typeform", "application/json", body, Map.of("Typeform-Signature", signature));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(readJson(accepted).path("acceptedCount").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT full_name || '|' || company_domain FROM lead WHERE email = 'lena@formhouse.de'")
                .query(String.class).single()).isEqualTo("Lena Berg|formhouse.de");

        var forged = post("/webhooks/generic/typeform", "application/json", body.replace("Lena", "Mallory"),
                Map.of("Typeform-Signature", signature));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(leadCount("full_name LIKE 'Mallory%'")).isZero();

        var unknown = postJson("/webhooks/generic/nope", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(readJson(unknown).path("error").asText()).contains("leadhub.webhooks.generic.nope");
    }

    @Test
    void anOversizedWebhookIsRefusedBeforeItIsRead() {
        var response = postJson("/webhooks/generic/plain", "[\"" + "x".repeat(140_000) + "\"]");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(readJson(response).path("error").asText()).contains("leadhub.webhooks.max-body-bytes");
    }

    @Test
    void genericWebhookWithoutMappingReadsRecognisedKeysAndDedupesARetry() {
        var body = "[{\"E-mail\":\"kim@plainhook.io\",\"Full Name\":\"Kim Lee\"},{\"note\":\"no lead here\"}]";
        var first = readJson(postJson("/webhooks/generic/plain", body));
        var retry = readJson(postJson("/webhooks/generic/plain", body));
        assertThat(first.path("acceptedCount").asInt()).isEqualTo(1);
        assertThat(first.path("rejected").get(0).path("reason").asText()).isEqualTo("missing email and no name or company to identify the lead");
        assertThat(retry.path("accepted").get(0).path("repeatDelivery").asBoolean()).isTrue();
    }
}
