package io.leadhub.enrich.providers.anthropic;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.enrich.ProviderCallException;
import io.leadhub.enrich.ProviderClient;
import io.leadhub.enrich.ProviderOptionsBinder;
import io.leadhub.enrich.ProviderProperties;
import io.leadhub.enrich.ProviderRefusedException;
import io.leadhub.enrich.ProviderRequest;
import io.leadhub.enrich.ProvidersProperties;
import io.leadhub.enrich.providers.llm.LlmCalls;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Anthropic's Messages API (POST {base-url}/v1/messages, base-url https://api.anthropic.com) with x-api-key and
 * anthropic-version. The question's params: prompt (the user turn), system (optional), json ("true": the prompt
 * asks for JSON; Anthropic has no JSON mode, and no assistant prefill either, which Claude 4.6 and later models
 * refuse with a 400, so a JSON answer is only taken out of any Markdown fence). The answer: content (all text
 * blocks), model, input_tokens, output_tokens, finish_reason (stop_reason), id; the cost is its tokens at the
 * configured prices. 429 rate_limit_error and 529 overloaded_error are retried; a spent monthly spend cap (429 with
 * error.details.error_code enforced_spend_limit_reached), a spend limit or credit balance (400 "You have reached
 * your specified API usage limits" / "Your credit balance is too low") and 402 billing_error are not: the breaker
 * opens.
 */
@Component
public class AnthropicProviderClient implements ProviderClient {

    private final ProvidersProperties providers;
    private final Map<String, AnthropicProviderOptions> options;
    private final ObjectMapper json;
    private final Clock clock;

    public AnthropicProviderClient(ProvidersProperties providers, ProviderOptionsBinder binder, ObjectMapper json, Clock clock) {
        this.providers = providers;
        this.options = binder.bind("anthropic", AnthropicProviderOptions.class);
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Object options(String providerId) {
        return options.get(providerId);
    }

    @Override
    public void request(ProviderRequest request, Exchange exchange) {
        var config = providers.providers().get(request.provider());
        var llm = options.get(request.provider());
        var prompt = request.param("prompt");
        if (prompt == null || prompt.isBlank()) {
            throw new ProviderRefusedException("no prompt to send (param 'prompt')");
        }
        var body = json.createObjectNode();
        body.put("model", llm.model());
        body.put("max_tokens", llm.maxTokens());
        var system = request.param("system");
        if (system != null && !system.isBlank()) {
            body.put("system", system);
        }
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        body.put("temperature", llm.temperature());
        var message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, "/v1/messages");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            message.setHeader("x-api-key", config.apiKey().strip());
        }
        message.setHeader("anthropic-version", llm.apiVersion() == null || llm.apiVersion().isBlank()
                ? "2023-06-01" : llm.apiVersion());
        message.setBody(LlmCalls.write(json, body));
    }

    @Override
    public Map<String, Object> answer(ProviderRequest request, int status, String body) {
        var root = LlmCalls.read(json, body, "Anthropic");
        var text = new StringBuilder();
        root.path("content").forEach(block -> {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                text.append(block.path("text").asText());
            }
        });
        var stopReason = root.path("stop_reason").asText(null);
        if (text.toString().isBlank()) {
            throw new ProviderCallException("error: empty answer", status, request.provider() + " answered " + status
                    + " without text (stop_reason " + stopReason + ")");
        }
        var content = text.toString();
        var fields = new LinkedHashMap<String, Object>();
        fields.put("content", "true".equalsIgnoreCase(request.param("json")) ? LlmCalls.unfence(content) : content);
        LlmCalls.putText(fields, "model", root.path("model"));
        LlmCalls.putNumber(fields, "input_tokens", root.path("usage").path("input_tokens"));
        LlmCalls.putNumber(fields, "output_tokens", root.path("usage").path("output_tokens"));
        if (stopReason != null) {
            fields.put("finish_reason", stopReason);
        }
        LlmCalls.putText(fields, "id", root.path("id"));
        return fields;
    }

    @Override
    public double cost(String providerId, ProviderProperties config, Map<String, Object> fields, boolean hit) {
        return LlmCalls.tokenCost(config, options.get(providerId), fields);
    }

    /**
     * The account is stopped until someone pays or the month turns: 402 billing_error; 429 with the error code
     * enforced_spend_limit_reached (the tier's monthly cap; no retry-after); 400 for a spend limit the
     * organization set or an empty credit balance.
     */
    @Override
    public boolean isQuotaExhausted(int status, String body) {
        if (status == 402) {
            return true;
        }
        var error = LlmCalls.readQuietly(json, body).path("error");
        if (status == 429) {
            return "enforced_spend_limit_reached".equals(error.path("details").path("error_code").asText());
        }
        if (status == 400 && "invalid_request_error".equals(error.path("type").asText())) {
            var message = error.path("message").asText("").toLowerCase(Locale.ROOT);
            return message.contains("credit balance is too low") || message.contains("reached your specified api usage limits");
        }
        return false;
    }

    /**
     * anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}, reset an RFC 3339
     * time: slow down as any allowance runs out.
     */
    @Override
    public long pauseMillis(Map<String, Object> headers) {
        long pause = 0;
        for (var kind : new String[]{"requests", "tokens", "input-tokens", "output-tokens"}) {
            var prefix = "anthropic-ratelimit-" + kind + "-";
            pause = Math.max(pause, LlmCalls.pause(LlmCalls.number(headers, prefix + "limit"),
                    LlmCalls.number(headers, prefix + "remaining"), untilMillis(LlmCalls.header(headers, prefix + "reset")),
                    !"requests".equals(kind)));
        }
        return pause;
    }

    private long untilMillis(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return -1;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant().toEpochMilli() - clock.millis();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
