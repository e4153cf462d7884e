package io.leadhub.enrich.providers.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.enrich.ProviderClient;
import io.leadhub.enrich.ProviderOptionsBinder;
import io.leadhub.enrich.ProviderRequest;
import io.leadhub.enrich.ProvidersProperties;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A provider defined only in configuration: a URL template (and optional JSON body) with {placeholders} from
 * the lead, an auth header, and a JSON Pointer per profile field. This is how ZoomInfo, Clearbit, PDL or an
 * in-house API is added without code. 404 is a miss.
 */
@Component
public class HttpProviderClient implements ProviderClient {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final ProvidersProperties providers;
    private final Map<String, HttpProviderOptions> options;
    private final ObjectMapper json;

    public HttpProviderClient(ProvidersProperties providers, ProviderOptionsBinder binder, ObjectMapper json) {
        this.providers = providers;
        this.options = binder.bind("http", HttpProviderOptions.class);
        this.json = json;
    }

    @Override
    public Object options(String providerId) {
        return options.get(providerId);
    }

    @Override
    public void request(ProviderRequest request, Exchange exchange) {
        var config = providers.providers().get(request.provider());
        var http = options.get(request.provider());
        var message = exchange.getMessage();
        var target = fill(http.urlTemplate() == null ? "" : http.urlTemplate(), request, true);
        var question = target.indexOf('?');
        message.setHeader(Exchange.HTTP_PATH, question < 0 ? target : target.substring(0, question));
        if (question >= 0) {
            message.setHeader(Exchange.HTTP_QUERY, target.substring(question + 1));
        }
        message.setHeader(Exchange.HTTP_METHOD, http.method().toUpperCase());
        message.setHeader("Accept", "application/json");
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            var scheme = http.authScheme() == null || http.authScheme().isBlank() ? "" : http.authScheme() + " ";
            message.setHeader(http.authHeader(), scheme + config.apiKey());
        }
        if (http.bodyTemplate() != null && !http.bodyTemplate().isBlank()) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(fill(http.bodyTemplate(), request, false));
        }
    }

    @Override
    public Map<String, Object> answer(ProviderRequest request, int status, String body) {
        var mapping = options.get(request.provider()).mapping();
        try {
            var root = json.readTree(body);
            var fields = new LinkedHashMap<String, Object>();
            mapping.forEach((field, pointer) -> {
                var value = root.at(JsonPointer.compile(pointer));
                if (!value.isMissingNode() && !value.isNull() && !(value.isTextual() && value.asText().isBlank())) {
                    fields.put(field, json.convertValue(value, Object.class));
                }
            });
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(request.provider() + " answered something that is not JSON", e);
        }
    }

    /** Placeholders become the lead's values: URL-encoded in a URL, JSON-escaped in a body. */
    private String fill(String template, ProviderRequest request, boolean url) {
        var matcher = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (matcher.find()) {
            var value = request.param(matcher.group(1));
            var text = value == null ? "" : url ? URLEncoder.encode(value, StandardCharsets.UTF_8)
                    : escapeJson(value);
            matcher.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String escapeJson(String value) {
        try {
            var quoted = json.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
