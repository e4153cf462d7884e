package io.leadhub.enrich;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Providers for unit tests of the call steps, configured the way the hub is (leadhub.providers.vendor.* bound
 * by Spring Boot), each of type "test" answered by the given client; no Camel route, no database.
 */
final class ProviderFixtures {

    static final String ID = "vendor";

    private ProviderFixtures() {
    }

    /** Provider "vendor" with the given properties (relative to leadhub.providers.vendor, e.g. "retry-attempts", "3"). */
    static Providers providers(ProviderClient client, MeterRegistry meters, String... properties) {
        return providers(ID, client, meters, properties);
    }

    /** As above, for a provider of another id. */
    static Providers providers(String id, ProviderClient client, MeterRegistry meters, String... properties) {
        var values = new LinkedHashMap<String, String>();
        values.put("leadhub.providers." + id + ".type", "test");
        for (int i = 0; i + 1 < properties.length; i += 2) {
            values.put("leadhub.providers." + id + "." + properties[i], properties[i + 1]);
        }
        var config = new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("leadhub", Bindable.of(ProvidersProperties.class));
        return new Providers(config, Map.of("testProviderClient", client), meters);
    }

    static ProviderRequest question(String key) {
        return new ProviderRequest(ID, "company", key, UUID.randomUUID(), Map.of("domain", key));
    }

    static ProviderCall call(String... keys) {
        return new ProviderCall(java.util.Arrays.stream(keys).map(ProviderFixtures::question).toList());
    }

    /** A vendor that needs a key and reads any 2xx body as the single field "body". */
    static class TestClient implements ProviderClient {
        @Override
        public void request(ProviderRequest request, org.apache.camel.Exchange exchange) {
        }

        @Override
        public Map<String, Object> answer(ProviderRequest request, int status, String body) {
            return body == null || body.isEmpty() ? Map.of() : Map.of("body", body);
        }
    }

    static ProviderAnswer hit(ProviderRequest request, String value) {
        return new ProviderAnswer(request.provider(), request.signal(), request.requestKey(), "hit", Map.of("body", value),
                false, 200, 1, 5, 0.01, value);
    }

    static List<String> outcomes(ProviderCall call) {
        return call.answers().stream().map(a -> a == null ? null : a.outcome()).toList();
    }
}
