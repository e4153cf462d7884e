package io.leadhub.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/** HubSpot deliveries: the timestamp window holds both ways, and a delivery replayed at once reads each contact once. */
class HubSpotDeliveryTest extends SharedHubTest {

    private HttpResponse<String> deliver(String body) {
        return post("/webhooks/hubspot", "application/json", body, hubSpotSigned(body, System.currentTimeMillis()));
    }

    /** A creation and a property change for each contact, with event ids no other test uses. */
    private static String events(long... contacts) {
        var events = new ArrayList<String>();
        for (var contact : contacts) {
            for (var type : new String[]{"contact.creation", "contact.propertyChange"}) {
                events.add("{\"eventId\":" + ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50)
                        + ",\"subscriptionId\":2741001,\"portalId\":146843521,\"appId\":3915527,\"occurredAt\":1793527121312,"
                        + "\"subscriptionType\":\"" + type + "\",\"attemptNumber\":0,\"objectId\":" + contact + "}");
            }
        }
        return "[" + String.join(",", events) + "]";
    }

    private static String email(long contact) {
        return "contact-" + contact + "@replayed-co.com";
    }

    private void stubContact(long contact, int delayMillis) {
        var body = fixture("hubspot/contact-1001.json").replace("\"1001\"", "\"" + contact + "\"")
                .replace("jane.doe@acme-robotics.com", email(contact));
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/crm/v3/objects/contacts/" + contact))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body).withFixedDelay(delayMillis)));
    }

    private static long contactId() {
        return ThreadLocalRandom.current().nextLong(10_000_000, 99_999_999);
    }

    @Test
    void aTimestampFarInTheFutureIsRefused() {
        var contact = contactId();
        var body = events(contact);
        var future = post("/webhooks/hubspot", "application/json", body, hubSpotSigned(body, System.currentTimeMillis() + 3_600_000));
        assertThat(future.statusCode()).isEqualTo(401);
        assertThat(readJson(future).path("error").asText()).contains("in the future").contains("300 s");
        VENDORS.verify(0, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/" + contact)));
    }

    @Test
    void sixConcurrentReplaysOfOneDeliveryReadEachContactOnce() throws Exception {
        var first = contactId();
        var second = contactId();
        // HubSpot's API takes a moment to answer, so the replays overlap the first delivery's fetches
        stubContact(first, 400);
        stubContact(second, 400);
        var body = events(first, second);
        var barrier = new CyclicBarrier(6);
        var pool = Executors.newFixedThreadPool(6);
        try {
            var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 6; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return deliver(body);
                }, pool));
            }
            for (var answer : answers) {
                assertThat(answer.get().statusCode()).isBetween(200, 299);
            }
        } finally {
            pool.shutdownNow();
        }
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/" + first)));
        VENDORS.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/" + second)));
        assertThat(leadCount("email = ?", email(first))).isEqualTo(1);
        assertThat(leadCount("email = ?", email(second))).isEqualTo(1);
    }

    @Test
    void aDeliveryWhoseFetchFailedIsReadAgainWhenHubSpotRetries() {
        var contact = contactId();
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/crm/v3/objects/contacts/" + contact))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"error\",\"message\":\"Service unavailable\"}")));
        var body = events(contact);
        assertThat(deliver(body).statusCode()).isEqualTo(503);
        assertThat(leadCount("email = ?", email(contact))).isZero();

        stubContact(contact, 0);
        assertThat(deliver(body).statusCode()).isEqualTo(200);
        assertThat(leadCount("email = ?", email(contact))).isEqualTo(1);
        VENDORS.verify(2, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/" + contact)));
        // and once stored, a further replay reads nothing
        assertThat(deliver(body).statusCode()).isEqualTo(200);
        VENDORS.verify(2, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/" + contact)));
    }
}
