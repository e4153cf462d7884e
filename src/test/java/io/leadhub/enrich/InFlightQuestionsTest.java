package io.leadhub.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.leadhub.SharedHubTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A question being asked is shared by whoever asks it meanwhile; when its call ends in an Error (a stack
 * overflow reading the answer, out of memory storing it) the question must be free again, not answer
 * "still being asked" for ever.
 */
class InFlightQuestionsTest extends SharedHubTest {

    @Autowired
    ProducerTemplate camel;

    private Object ask(String key) {
        var request = new ProviderRequest("troubled", "troubled", "q:" + key, UUID.randomUUID(), Map.of("q", key));
        try {
            return ((List<?>) camel.requestBody("direct:enrich-provider-troubled", request, List.class)).get(0);
        } catch (org.apache.camel.CamelExecutionException failed) {
            return failed; // the route itself failed: the caller's stage handles that
        }
    }

    private static void answers(String key, String body) {
        VENDORS.stubFor(WireMock.get(urlPathEqualTo("/troubled")).withQueryParam("q", equalTo(key))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void askedAgainAfter(String key, String troubledAnswer) {
        answers(key, troubledAnswer);
        var first = ask(key);
        // the troubled call is an error answer or a failed route, never a hit
        if (first instanceof ProviderAnswer answer) {
            assertThat(answer.outcome()).startsWith("error");
        } else {
            assertThat(first).isInstanceOf(org.apache.camel.CamelExecutionException.class);
        }

        answers(key, "{\"value\": \"fine\"}");
        var second = ask(key);
        assertThat(second).isInstanceOf(ProviderAnswer.class);
        assertThat(((ProviderAnswer) second).outcome()).isEqualTo("hit");
        assertThat(((ProviderAnswer) second).fields()).containsEntry("value", "fine");
        VENDORS.verify(2, getRequestedFor(urlPathEqualTo("/troubled")).withQueryParam("q", equalTo(key)));
    }

    @Test
    void anErrorWhileTheAnswerIsReadFreesTheQuestion() {
        askedAgainAfter("read-" + UUID.randomUUID(), "{\"raise\": \"answer\"}");
    }

    @Test
    void anErrorWhileTheAnswerIsStoredFreesTheQuestion() {
        askedAgainAfter("store-" + UUID.randomUUID(), "{\"raise\": \"store\"}");
    }
}
