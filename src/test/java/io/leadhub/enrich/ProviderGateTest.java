package io.leadhub.enrich;

import static io.leadhub.enrich.ProviderFixtures.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Whether and when a provider is called: enabled, with its key, and not before the pause its vendor asked for. */
class ProviderGateTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    /** A vendor whose X-Pause header asks for a pause in milliseconds. */
    private static final ProviderFixtures.TestClient PAUSING = new ProviderFixtures.TestClient() {
        @Override
        public long pauseMillis(Map<String, Object> headers) {
            return headers.get("X-Pause") == null ? 0 : Long.parseLong(headers.get("X-Pause").toString());
        }
    };

    private static ProviderGate gate(Providers providers) {
        return new ProviderGate(providers, NOON);
    }

    private static void claimAll(ProviderCall call) {
        call.unanswered().forEach(r -> call.claim(r, new CompletableFuture<>()));
    }

    @Test
    void aDisabledOrKeylessProviderIsNotCalled() {
        var disabled = call("a.example", "b.example");
        gate(ProviderFixtures.providers(PAUSING, new SimpleMeterRegistry(), "enabled", "false", "api-key", "k")).admit(disabled);
        assertThat(ProviderFixtures.outcomes(disabled)).containsExactly("disabled", "disabled");

        var keyless = call("a.example");
        gate(ProviderFixtures.providers(PAUSING, new SimpleMeterRegistry())).admit(keyless);
        assertThat(ProviderFixtures.outcomes(keyless)).containsExactly("no_api_key");

        var withKey = call("a.example");
        gate(ProviderFixtures.providers(PAUSING, new SimpleMeterRegistry(), "api-key", "k")).admit(withKey);
        assertThat(withKey.unanswered()).hasSize(1);
    }

    @Test
    void aVendorThatNeedsNoKeyIsCalledWithout() {
        class Open extends ProviderFixtures.TestClient implements KeylessProvider {
        }
        var call = call("a.example");
        gate(ProviderFixtures.providers(new Open(), new SimpleMeterRegistry())).admit(call);
        assertThat(call.unanswered()).hasSize(1);
    }

    @Test
    void theVendorsPauseHoldsTheNextCallAndAPauseBeyondRetryMaxWaitIsRateLimited() {
        var providers = ProviderFixtures.providers(PAUSING, new SimpleMeterRegistry(), "api-key", "k", "retry-max-wait", "2s");
        var gate = gate(providers);
        var exchange = new DefaultExchange(new DefaultCamelContext());

        exchange.getMessage().setHeader("X-Pause", "1500");
        gate.notePause(call("a.example"), exchange);
        assertThat(gate.firstAttempt(call("b.example")).delayMillis()).isEqualTo(1500);
        var waits = call("b.example");
        claimAll(waits);
        gate.checkAllowance(waits);
        assertThat(waits.hasPending()).isTrue(); // 1.5 s is waited out

        exchange.getMessage().setHeader("X-Pause", "500"); // a shorter pause does not shorten the one in force
        gate.notePause(call("a.example"), exchange);
        assertThat(gate.firstAttempt(call("b.example")).delayMillis()).isEqualTo(1500);

        exchange.getMessage().setHeader("X-Pause", "60000");
        gate.notePause(call("a.example"), exchange);
        var spent = call("c.example", "d.example");
        claimAll(spent);
        gate.checkAllowance(spent);
        assertThat(ProviderFixtures.outcomes(spent)).containsExactly("rate_limited", "rate_limited");
    }
}
