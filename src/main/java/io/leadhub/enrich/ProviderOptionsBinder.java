package io.leadhub.enrich;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Binds a provider client's own options (a record of its type's properties) from leadhub.providers.&lt;id&gt;, for every
 * configured provider of its type, when the client is made: a wrong value stops the start with the property named.
 * An options record checks its values in its constructor; its messages begin with the property's name under the
 * provider (e.g. "mode is 'x': ..."), which this prefixes with leadhub.providers.&lt;id&gt;.
 */
@Component
public class ProviderOptionsBinder {

    private static final ConfigurationPropertyName PROVIDERS = ConfigurationPropertyName.of("leadhub.providers");

    private final ProvidersProperties providers;
    private final Binder binder;

    @Autowired
    public ProviderOptionsBinder(ProvidersProperties providers, Environment environment) {
        this(providers, Binder.get(environment));
    }

    public ProviderOptionsBinder(ProvidersProperties providers, Binder binder) {
        this.providers = providers;
        this.binder = binder;
    }

    /** The options of every provider whose type is the given one, by provider id. */
    public <T> Map<String, T> bind(String type, Class<T> options) {
        var bound = new LinkedHashMap<String, T>();
        providers.providers().forEach((id, config) -> {
            if (type.equals(config.type())) {
                bound.put(id, bind(id, type, options));
            }
        });
        return Collections.unmodifiableMap(bound);
    }

    private <T> T bind(String id, String type, Class<T> options) {
        try {
            return binder.bindOrCreate(PROVIDERS.append(ConfigurationPropertyName.adapt(id, '.')), Bindable.of(options), BindHandler.DEFAULT);
        } catch (BindException e) {
            var property = e.getProperty();
            var cause = rootCause(e);
            // the property and where it was set, never its value (it may be a key)
            var where = property != null
                    ? property.getName() + (property.getOrigin() == null ? "" : " (" + property.getOrigin() + ")")
                    : "leadhub.providers." + id;
            var message = cause instanceof IllegalArgumentException && property == null
                    ? "leadhub.providers." + id + "." + cause.getMessage()
                    : where + ": " + cause.getMessage();
            throw new IllegalStateException("Provider " + id + " (type " + type + ") is misconfigured: " + message, e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        var cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
