package io.leadhub.config;

import java.util.LinkedHashMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A properties record as the hub binds it, for tests that build a bean by hand: the record's defaults, with the
 * given properties (named as in application.yaml, relative to the record's prefix) on top.
 * {@code BoundProperties.of(InboxProperties.class, "max-poll-silence", "2m")}.
 */
public final class BoundProperties {

    private BoundProperties() {
    }

    public static <T> T of(Class<T> type, String... namesAndValues) {
        var annotation = type.getAnnotation(ConfigurationProperties.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type + " is not a @ConfigurationProperties type");
        }
        return of(annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), type, namesAndValues);
    }

    /** The same for a type bound under a prefix of its own (a provider client's options under leadhub.providers.&lt;id&gt;). */
    public static <T> T of(String prefix, Class<T> type, String... namesAndValues) {
        var names = new String[namesAndValues.length];
        for (int i = 0; i < namesAndValues.length; i++) {
            names[i] = i % 2 == 0 ? prefix + "." + namesAndValues[i] : namesAndValues[i];
        }
        return binder(names).bindOrCreate(prefix, type);
    }

    /** A binder over the given properties (full names), as the hub's environment would hold them. */
    public static Binder binder(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map));
    }
}
