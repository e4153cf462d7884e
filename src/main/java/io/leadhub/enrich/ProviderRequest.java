package io.leadhub.enrich;

import java.util.Map;
import java.util.UUID;

/**
 * One question to one provider: what the provider's request builder needs (email, domain, ...), and the key
 * that identifies the question for the cache (a company question is keyed by domain, so ten leads at one
 * company ask once).
 */
public record ProviderRequest(String provider, String signal, String requestKey, UUID leadId, Map<String, String> params) {

    public String param(String name) {
        return params.get(name);
    }
}
