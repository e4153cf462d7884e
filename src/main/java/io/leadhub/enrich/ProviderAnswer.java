package io.leadhub.enrich;

import java.util.Map;

/**
 * What a provider said, or why it said nothing. {@code outcome} is hit, not_found, or the reason for a miss:
 * no_api_key, disabled, budget, circuit_open, rate_limited, misconfigured, error: ...
 */
public record ProviderAnswer(String provider, String signal, String requestKey, String outcome,
                             Map<String, Object> fields, boolean cached, Integer httpStatus, int attempts,
                             long latencyMs, double cost, String raw) {

    public static ProviderAnswer skipped(ProviderRequest request, String reason) {
        return new ProviderAnswer(request.provider(), request.signal(), request.requestKey(), reason, Map.of(),
                false, null, 0, 0, 0, null);
    }

    public boolean isHit() {
        return "hit".equals(outcome);
    }

    /** A call left the hub (and may have cost money), as opposed to a cache answer or a skip. */
    public boolean called() {
        return attempts > 0;
    }

    /** Worth remembering: a definite answer, not a failure of the moment. */
    public boolean cacheable() {
        return "hit".equals(outcome) || "not_found".equals(outcome);
    }
}
