package io.leadhub.enrich;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One thing to find out for a signal (a company by its domain, a person by email), shared by every lead it concerns. */
public record Question(String signal, String requestKey, Map<String, String> params, List<UUID> leadIds) {

    public ProviderRequest toRequest(String provider) {
        return new ProviderRequest(provider, signal, requestKey, leadIds.get(0), params);
    }
}
