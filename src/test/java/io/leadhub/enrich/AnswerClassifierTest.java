package io.leadhub.enrich;

import static io.leadhub.enrich.ProviderFixtures.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Status to outcome, without a route: read, retry after a wait, or give up; and the fallback's reasons. */
class AnswerClassifierTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    /** Like OpenAI: 429 with insufficient_quota in the body is an exhausted quota, any other 429 a rate limit. */
    private final ProviderFixtures.TestClient client = new ProviderFixtures.TestClient() {
        @Override
        public boolean isQuotaExhausted(int status, String body) {
            return status == 429 && body != null && body.contains("insufficient_quota");
        }
    };
    private final Providers providers = ProviderFixtures.providers(client, new SimpleMeterRegistry(),
            "retry-attempts", "3", "retry-backoff", "400ms", "retry-max-wait", "5s", "cost-per-call", "0.02");
    private final AnswerClassifier classifier = new AnswerClassifier(providers, new RetryWaits(NOON, new Random(7)));
    private final ProviderCall call = call("acme.example");
    private final Attempt attempt = new Attempt(0);

    private void classify(int status, String retryAfter, String body) {
        var exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        claim();
        attempt.start();
        classifier.classify(call, attempt, status, retryAfter, exchange);
    }

    private void claim() {
        if (!call.hasPending()) {
            call.claim(call.requests().get(0), new java.util.concurrent.CompletableFuture<>());
        }
    }

    @Test
    void aSuccessOrANotFoundEndsTheLoop() {
        classify(200, null, "{}");
        assertThat(attempt.again()).isFalse();
        classify(404, null, "");
        assertThat(attempt.again()).isFalse();
    }

    @Test
    void a5xxIsRetriedAfterRetryAfterElseAfterTheSeededBackoff() {
        classify(503, "2", "busy");
        assertThat(attempt.again()).isTrue();
        assertThat(attempt.delayMillis()).isEqualTo(2000);

        classify(503, null, "busy"); // attempt 2: 800 ms doubled once, jitter from the seeded source
        assertThat(attempt.again()).isTrue();
        assertThat(attempt.delayMillis()).isEqualTo(400 + new Random(7).nextLong(401));
    }

    @Test
    void theLastAttemptGivesUpAsAnErrorOrRateLimited() {
        classify(503, "0", "busy");
        classify(503, "0", "busy");
        assertThatThrownBy(() -> classify(503, "0", "busy")).isInstanceOfSatisfying(ProviderCallException.class, e -> {
            assertThat(e.outcome()).isEqualTo("error: http 503");
            assertThat(e.httpStatus()).isEqualTo(503);
        });
        var limited = new AnswerClassifierTest();
        limited.classify(429, "0", "slow down");
        limited.classify(429, "0", "slow down");
        assertThatThrownBy(() -> limited.classify(429, "0", "slow down"))
                .isInstanceOfSatisfying(ProviderCallException.class, e -> assertThat(e.outcome()).isEqualTo("rate_limited"));
    }

    @Test
    void aWaitLongerThanRetryMaxWaitIsRateLimitedAtOnce() {
        assertThatThrownBy(() -> classify(429, "60", "slow down"))
                .isInstanceOfSatisfying(ProviderCallException.class, e -> {
                    assertThat(e.outcome()).isEqualTo("rate_limited");
                    assertThat(e).hasMessageContaining("retry-max-wait");
                });
    }

    @Test
    void aRefusedKeyIsMisconfiguredAndReported() {
        assertThatThrownBy(() -> classify(401, null, "no"))
                .isInstanceOfSatisfying(ProviderCallException.class, e -> assertThat(e.outcome()).isEqualTo("misconfigured"));
        assertThat(providers.problem("vendor")).hasValueSatisfying(p -> assertThat(p).contains("api-key"));
    }

    @Test
    void anExhaustedQuotaOpensTheBreaker() {
        assertThatThrownBy(() -> classify(429, null, "{\"code\":\"insufficient_quota\"}"))
                .isInstanceOfSatisfying(ProviderCallException.class, e -> assertThat(e.outcome()).isEqualTo("rate_limited"));
        assertThat(providers.require("vendor").breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void anyOther4xxIsAnErrorNotRetried() {
        assertThatThrownBy(() -> classify(422, null, "bad input"))
                .isInstanceOfSatisfying(ProviderCallException.class, e -> assertThat(e.outcome()).isEqualTo("error: http 422"));
    }

    @Test
    void theFallbackTellsAClosedDoorFromAFailedCall() {
        claim();
        classifier.fallback(call, null, null);
        assertThat(call.answers().get(0).outcome()).isEqualTo("circuit_open");

        var notPermitted = call("open.example");
        notPermitted.claim(notPermitted.requests().get(0), new java.util.concurrent.CompletableFuture<>());
        classifier.fallback(notPermitted, null,
                CallNotPermittedException.createCallNotPermittedException(providers.require("vendor").breaker()));
        assertThat(notPermitted.answers().get(0).outcome()).isEqualTo("circuit_open");
        assertThat(notPermitted.answers().get(0).called()).isFalse();
    }

    @Test
    void aFailedCallIsAnsweredAsTheErrorItWasAndCostsItsCall() {
        var failed = call("down.example");
        failed.claim(failed.requests().get(0), new java.util.concurrent.CompletableFuture<>());
        attempt.start();
        attempt.start();
        classifier.fallback(failed, attempt, new RuntimeCamelException(new ConnectException("Connection refused")));

        var answer = failed.answers().get(0);
        assertThat(answer.outcome()).isEqualTo("error: ConnectException");
        assertThat(answer.attempts()).isEqualTo(2);
        assertThat(answer.cost()).isEqualTo(0.02);
        assertThat(answer.called()).isTrue();

        var gaveUp = call("gave-up.example");
        gaveUp.claim(gaveUp.requests().get(0), new java.util.concurrent.CompletableFuture<>());
        classifier.fallback(gaveUp, null, new ProviderCallException("error: http 503", 503, "still 503"));
        assertThat(gaveUp.answers().get(0).outcome()).isEqualTo("error: http 503");
        assertThat(gaveUp.answers().get(0).httpStatus()).isEqualTo(503);
        assertThat(gaveUp.answers().get(0).attempts()).isEqualTo(1);
    }

    @Test
    void theHubsOwnRefusalInsideAnIoErrorIsAnsweredUncalled() {
        claim();
        classifier.fallback(call, attempt, new IOException("fetch refused",
                new ProviderRefusedException("10.0.0.1 is not a public address")));

        var answer = call.answers().get(0);
        assertThat(answer.outcome()).isEqualTo("error: 10.0.0.1 is not a public address");
        assertThat(answer.called()).isFalse();
    }
}
