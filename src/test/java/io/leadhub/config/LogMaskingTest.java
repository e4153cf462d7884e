package io.leadhub.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import io.leadhub.SharedHubTest;
import io.leadhub.enrich.ProviderCalls;
import io.leadhub.ingest.LeadStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;

/**
 * The running hub's real console output: a PostgreSQL error quoting a lead's non-ASCII email and a vendor's
 * error body quoting a phone number reach the log masked.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogMaskingTest extends SharedHubTest {

    @Test
    void aDatabaseErrorQuotingANonAsciiEmailIsMaskedInTheLog(CapturedOutput output) {
        var insert = "INSERT INTO lead (workspace, lead_key, email, first_source, received_at, updated_at)"
                + " VALUES ('log-mask-w', :key, :key, 'log-mask-test', now(), now())";
        jdbc.sql(insert).param("key", "jörg@müller.de").update();
        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(DataAccessException.class,
                () -> jdbc.sql(insert).param("key", "jörg@müller.de").update());
        jdbc.sql("DELETE FROM lead WHERE workspace = 'log-mask-w'").update(); // no lead for the stages to find
        // PostgreSQL's own words quote the key: Detail: Key (workspace, lead_key)=(log-mask-w, jörg@müller.de) already exists.
        assertThat(failure).hasStackTraceContaining("jörg@müller.de");

        LoggerFactory.getLogger(LeadStore.class).error("could not store lead {}", "用户@例子.中国", failure);

        assertThat(output.getOut()).contains("could not store lead 用***@例子.中国").contains("j***@müller.de")
                .contains("already exists").doesNotContain("jörg@", "用户@");
    }

    @Test
    void aProviderErrorBodyQuotingAPhoneIsMaskedInTheLog(CapturedOutput output) throws Exception {
        VENDORS.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/log-mask/enrich")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_phone\",\"message\":\"+44 (0)20 7946 0958 is not a mobile number\","
                        + "\"contact\":\"jörg@müller.de\",\"request\":\"https://vendor.example/v1?api_key=abc123def456\"}")));
        var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(VENDORS.baseUrl() + "/log-mask/enrich"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        LoggerFactory.getLogger(ProviderCalls.class).warn("Provider vendor answered {}: {}", answer.statusCode(), answer.body(),
                new IllegalStateException("vendor said: " + answer.body()));

        assertThat(output.getOut()).contains("Provider vendor answered 422").contains("+******58").contains("api_key=***")
                .doesNotContain("7946 0958", "jörg@", "abc123def456");
    }

    @Test
    void everyAppenderOfTheHubMasks() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var encoders = new ArrayList<Object>();
        for (var logger : context.getLoggerList()) {
            logger.iteratorForAppenders().forEachRemaining(appender -> {
                assertThat(appender).isInstanceOf(OutputStreamAppender.class);
                encoders.add(((OutputStreamAppender<?>) appender).getEncoder());
            });
        }
        assertThat(encoders).isNotEmpty().allSatisfy(encoder -> assertThat(encoder).isInstanceOf(MaskingEncoder.class));
    }
}
