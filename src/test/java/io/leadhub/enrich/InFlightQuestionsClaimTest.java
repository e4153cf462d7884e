package io.leadhub.enrich;

import static io.leadhub.enrich.ProviderFixtures.call;
import static io.leadhub.enrich.ProviderFixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The in-flight claim and its release, without a route: one call asks a question, the others asking it meanwhile
 * take its answer, and the question is free again once the call released it, answered or not.
 */
class InFlightQuestionsClaimTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Providers providers = ProviderFixtures.providers(new ProviderFixtures.TestClient(), meters,
            "timeout", "50ms", "retry-attempts", "1", "retry-max-wait", "0");
    private final InFlightQuestions questions = new InFlightQuestions(providers, new ProviderMetrics(meters));

    @Test
    void aSecondAskerTakesTheFirstAnswerAsCachedAndPaysNothing() {
        var first = call("acme.example");
        var second = call("acme.example", "other.example");
        questions.claim(first);
        questions.claim(second);

        assertThat(first.pending()).extracting(ProviderRequest::requestKey).containsExactly("acme.example");
        assertThat(second.pending()).extracting(ProviderRequest::requestKey).containsExactly("other.example");

        first.answer(first.requests().get(0), hit(first.requests().get(0), "Acme"));
        questions.release(first);
        second.answer(second.requests().get(1), hit(second.requests().get(1), "Other"));
        questions.release(second);
        questions.awaitOthers(second);

        var taken = second.answers().get(0);
        assertThat(taken.outcome()).isEqualTo("hit");
        assertThat(taken.cached()).isTrue();
        assertThat(taken.cost()).isZero();
        assertThat(taken.fields()).containsEntry("body", "Acme");
        assertThat(meters.counter("leadhub.provider.cache.hits", "provider", "vendor").count()).isEqualTo(1);
    }

    @Test
    void aReleasedQuestionIsFreeAgainAndAFailureIsHandedOnAsNoAnswer() {
        var failed = call("down.example");
        var waiting = call("down.example");
        questions.claim(failed);
        questions.claim(waiting);
        assertThat(waiting.hasPending()).isFalse();

        questions.release(failed); // the call failed before it had an answer (the route's doFinally)
        questions.awaitOthers(waiting);
        assertThat(waiting.answers().get(0).outcome()).isEqualTo("error: no answer");
        assertThat(waiting.answers().get(0).cached()).isFalse();

        var again = call("down.example");
        questions.claim(again);
        assertThat(again.pending()).hasSize(1);
    }

    @Test
    void aSecondReleaseDoesNotFreeAnotherCallsNewClaim() {
        var first = call("twice.example");
        questions.claim(first);
        questions.release(first);
        var next = call("twice.example");
        questions.claim(next);

        questions.release(first); // the route's doFinally after the release step

        var third = call("twice.example");
        questions.claim(third);
        assertThat(third.pending()).isEmpty(); // still next's: third waits for it
        assertThat(questions.isAsked(next.requests().get(0))).isTrue();
        questions.release(next);
        assertThat(questions.isAsked(next.requests().get(0))).isFalse();
    }

    @Test
    void aQuestionStillAskedAfterTheLongestCallIsAnsweredAsSuch() {
        var slow = call("slow.example");
        var waiting = call("slow.example");
        questions.claim(slow);
        questions.claim(waiting);

        // the longest a call can take here: timeout 50 ms x (1 attempt + 1) + retry-max-wait 0
        questions.awaitOthers(waiting);

        assertThat(waiting.answers().get(0).outcome()).isEqualTo("error: the same question to vendor is still being asked");
        questions.release(slow);
    }

    @Test
    void settlingAnswersWhatTheCallClaimedAndLeftOpen() {
        var open = call("open.example", "done.example");
        questions.claim(open);
        open.answer(open.requests().get(1), hit(open.requests().get(1), "Done"));

        open.settle(Instant.parse("2026-12-01T12:00:00Z"));

        assertThat(ProviderFixtures.outcomes(open)).isEqualTo(List.of("error: no answer", "hit"));
        assertThat(open.closedAt()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
        questions.release(open);
    }
}
