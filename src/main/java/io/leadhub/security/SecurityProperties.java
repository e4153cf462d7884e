package io.leadhub.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the hub (leadhub.security.*).
 *
 * @param apiKeys        keys and the workspace each one acts for; a key whose workspace is "*" is an operator key
 *                       (every workspace, one picked with ?workspace=). With no key, /api/** answers loopback
 *                       clients only, as operators.
 * @param trustedProxies addresses or CIDR ranges of the reverse proxies in front of the hub; only from these peers are
 *                       Forwarded / X-Forwarded-* headers believed (none by default: they are ignored)
 * @param publicPaths    paths answered without a key (Ant patterns on the normalised path); every other path needs
 *                       one. Webhooks are verified by their own signatures and are always reachable.
 */
@ConfigurationProperties("leadhub.security")
public record SecurityProperties(
        @DefaultValue List<ApiKey> apiKeys,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue({"/actuator/health/liveness", "/actuator/health/readiness"}) List<String> publicPaths) {

    /**
     * @param key       the secret a client sends as X-API-Key (or Authorization: Bearer)
     * @param workspace the workspace its requests act in; "*" for an operator
     */
    public record ApiKey(String key, @DefaultValue("default") String workspace) {
        @Override
        public String toString() {
            return "ApiKey[workspace=" + workspace + "]";
        }
    }

    /** The keys that are set (a blank entry, as an unset environment variable leaves it, is no key). */
    public List<ApiKey> configuredKeys() {
        return apiKeys.stream().filter(k -> k.key() != null && !k.key().isBlank()).toList();
    }
}
