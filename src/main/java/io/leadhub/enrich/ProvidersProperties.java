package io.leadhub.enrich;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The configured providers (leadhub.providers.&lt;id&gt;.*), data providers and LLMs alike: their common properties.
 * Each provider client binds its type's own options from the same keys ({@link ProviderOptionsBinder}).
 *
 * @param providers the providers by id (the id names its routes, breaker, cache entries and ledger rows)
 */
@ConfigurationProperties("leadhub")
public record ProvidersProperties(@DefaultValue Map<String, ProviderProperties> providers) {
}
