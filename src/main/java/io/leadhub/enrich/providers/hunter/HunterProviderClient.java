package io.leadhub.enrich.providers.hunter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.enrich.ProviderClient;
import io.leadhub.enrich.ProviderRequest;
import io.leadhub.enrich.ProvidersProperties;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Hunter's email verifier (GET /v2/email-verifier). Hunter uses 403 for "too many requests" and 429 for a spent
 * monthly quota, and answers 202 while a slow mail server is still being checked.
 */
@Component
public class HunterProviderClient implements ProviderClient {

    private final ProvidersProperties providers;
    private final ObjectMapper json;

    public HunterProviderClient(ProvidersProperties providers, ObjectMapper json) {
        this.providers = providers;
        this.json = json;
    }

    @Override
    public void request(ProviderRequest request, Exchange exchange) {
        var message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_PATH, "/v2/email-verifier");
        message.setHeader(Exchange.HTTP_QUERY, "email=" + URLEncoder.encode(request.param("email"), StandardCharsets.UTF_8));
        // the key travels in a header, not in the URL, so it never lands in access logs
        message.setHeader("X-API-KEY", providers.providers().get(request.provider()).apiKey());
        message.setHeader("Accept", "application/json");
    }

    @Override
    public Map<String, Object> answer(ProviderRequest request, int status, String body) {
        try {
            var data = json.readTree(body).path("data");
            if (data.isMissingNode() || data.path("status").isMissingNode()) {
                return Map.of();
            }
            var fields = new LinkedHashMap<String, Object>();
            fields.put("email_status", data.path("status").asText());
            if (data.has("result")) {
                fields.put("email_result", data.path("result").asText());
            }
            if (data.path("score").isNumber()) {
                fields.put("email_score", data.path("score").asInt());
            }
            for (var flag : new String[]{"disposable", "webmail", "accept_all", "block", "gibberish"}) {
                if (data.path(flag).isBoolean()) {
                    fields.put("email_" + flag, data.path(flag).asBoolean());
                }
            }
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException("Hunter answered something that is not JSON", e);
        }
    }

    @Override
    public boolean isRateLimit(int status) {
        return status == 403;
    }

    @Override
    public boolean isQuotaExhausted(int status) {
        return status == 429;
    }

    @Override
    public boolean isPending(int status) {
        return status == 202;
    }
}
