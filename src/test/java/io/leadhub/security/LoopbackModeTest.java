package io.leadhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;

/** With no key configured (the shared hub), the hub answers loopback clients only, and nobody can pose as one. */
class LoopbackModeTest extends SharedHubTest {

    private HttpResponse<String> getWith(String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLoopbackClientIsAnOperator() throws Exception {
        assertThat(getWith("/api/leads").statusCode()).isEqualTo(200);
        assertThat(getWith("/actuator/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void aForwardedRequestIsNotALoopbackClient() throws Exception {
        for (var header : new String[]{"X-Forwarded-For", "Forwarded", "X-Real-IP"}) {
            var value = header.equals("Forwarded") ? "for=127.0.0.1" : "127.0.0.1";
            var answer = getWith("/api/leads", header, value);
            assertThat(answer.statusCode()).as(header).isEqualTo(403);
            assertThat(answer.body()).contains("loopback clients only");
        }
    }

    @Test
    void aKeyWhenNoneIsConfiguredIsRefused() throws Exception {
        var answer = getWith("/api/leads", "X-API-Key", "guess");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("none is configured");
    }
}
