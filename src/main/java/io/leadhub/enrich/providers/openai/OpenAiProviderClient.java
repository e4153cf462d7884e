package io.leadhub.enrich.providers.openai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
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
 * OpenAI-compatible chat completions (POST {base-url}/chat/completions): OpenAI, Groq, Cerebras, Perplexity, vLLM,
 * Ollama's /v1. base-url carries the version prefix (https://api.openai.com/v1). The question's params: prompt
 * (the user message), system (optional), json ("true" asks for a JSON object: response_format json_object, which
 * OpenAI only accepts when a message says "JSON"). The answer: content, model, input_tokens, output_tokens,
 * finish_reason, id; the cost is its tokens at the configured prices. OpenAI answers 429 both for "slow down"
 * (retried) and for spent credit or a spend limit (error code insufficient_quota and its variants: not retried,
 * breaker opened). A server on this machine (Ollama, vLLM) needs no key.
 */
@Component("openaiProviderClient") // type openai (the default bean name would be openAiProviderClient)
public class OpenAiProviderClient implements ProviderClient {

    /** error.code / error.type values that mean "no more until someone pays or a limit is raised" (OpenAI error codes). */
    private static final Set<String> QUOTA_CODES = Set.of("insufficient_quota", "credit_balance_exhausted",
            "organization_spend_limit_exceeded", "project_spend_limit_exceeded", "organization_usage_limit_exceeded",
            "billing_hard_limit_reached", "billing_not_active");
    /** Go-style durations in x-ratelimit-reset-*: 1s, 6m0s, 20ms, 1h2m3.5s. */
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");

    private final ProvidersProperties providers;
    private final Map<String, OpenAiProviderOptions> options;
    private final ObjectMapper json;

    public OpenAiProviderClient(ProvidersProperties providers, ProviderOptionsBinder binder, ObjectMapper json) {
        this.providers = providers;
        this.options = binder.bind("openai", OpenAiProviderOptions.class);
        this.json = json;
    }

    @Override
    public Object options(String providerId) {
        return options.get(providerId);
    }

    /** Local servers (Ollama, vLLM, LM Studio on localhost) take no key; any other base URL needs one. */
    @Override
    public boolean requiresKey(ProviderProperties config) {
        return !LlmCalls.isLoopback(config.baseUrl());
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
        var messages = body.putArray("messages");
        var system = request.param("system");
        if (system != null && !system.isBlank()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages.addObject().put("role", "user").put("content", prompt);
        body.put("max_tokens", llm.maxTokens());
        body.put("temperature", llm.temperature());
        if (wantsJson(request)) {
            body.putObject("response_format").put("type", "json_object");
        }
        var message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, "/chat/completions");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            message.setHeader("Authorization", "Bearer " + config.apiKey().strip());
        }
        message.setBody(LlmCalls.write(json, body));
    }

    private static boolean wantsJson(ProviderRequest request) {
        return "true".equalsIgnoreCase(request.param("json"));
    }

    @Override
    public Map<String, Object> answer(ProviderRequest request, int status, String body) {
        var root = LlmCalls.read(json, body, "an OpenAI-compatible server");
        var choice = root.path("choices").path(0);
        var message = choice.path("message");
        var content = text(message.path("content"));
        var finishReason = choice.path("finish_reason").asText(null);
        if (content.isBlank()) {
            // the refusal's wording is not repeated: it may quote the prompt, and this message is logged
            var refusal = message.path("refusal").isTextual() ? ", refused" : "";
            throw new ProviderCallException("error: empty answer", status, request.provider() + " answered " + status
                    + " without text (finish_reason " + finishReason + refusal + ")");
        }
        var fields = new LinkedHashMap<String, Object>();
        fields.put("content", wantsJson(request) ? LlmCalls.unfence(content) : content);
        LlmCalls.putText(fields, "model", root.path("model"));
        LlmCalls.putNumber(fields, "input_tokens", root.path("usage").path("prompt_tokens"));
        LlmCalls.putNumber(fields, "output_tokens", root.path("usage").path("completion_tokens"));
        if (finishReason != null) {
            fields.put("finish_reason", finishReason);
        }
        LlmCalls.putText(fields, "id", root.path("id"));
        return fields;
    }

    /** A message's content: a string, or (some compatible servers) a list of text parts. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        var text = new StringBuilder();
        if (content.isArray()) {
            content.forEach(part -> {
                if (part.path("text").isTextual()) {
                    text.append(part.path("text").asText());
                }
            });
        }
        return text.toString();
    }

    @Override
    public double cost(String providerId, ProviderProperties config, Map<String, Object> fields, boolean hit) {
        return LlmCalls.tokenCost(config, options.get(providerId), fields);
    }

    /** 429 (or 400, as billing_hard_limit_reached came) whose error code or type says the money or the allowance is spent. */
    @Override
    public boolean isQuotaExhausted(int status, String body) {
        if (status != 429 && status != 400) {
            return false;
        }
        var error = LlmCalls.readQuietly(json, body).path("error");
        return QUOTA_CODES.contains(error.path("code").asText("")) || QUOTA_CODES.contains(error.path("type").asText(""));
    }

    /** x-ratelimit-{limit,remaining,reset}-{requests,tokens}: slow down as either allowance runs out. */
    @Override
    public long pauseMillis(Map<String, Object> headers) {
        long pause = 0;
        for (var kind : new String[]{"requests", "tokens"}) {
            pause = Math.max(pause, LlmCalls.pause(LlmCalls.number(headers, "x-ratelimit-limit-" + kind),
                    LlmCalls.number(headers, "x-ratelimit-remaining-" + kind),
                    durationMillis(LlmCalls.header(headers, "x-ratelimit-reset-" + kind)), "tokens".equals(kind)));
        }
        return pause;
    }

    /** A Go-style duration (6m0s, 1.5s, 20ms) in milliseconds, rounded up; -1 when unreadable. */
    static long durationMillis(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        var matcher = DURATION_PART.matcher(value.strip());
        double millis = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                return -1;
            }
            end = matcher.end();
            double amount = Double.parseDouble(matcher.group(1));
            millis += switch (matcher.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1_000;
                case "ms" -> amount;
                case "us", "µs" -> amount / 1_000;
                default -> amount / 1_000_000;
            };
        }
        return end == value.strip().length() && end > 0 ? (long) Math.ceil(millis) : -1;
    }
}
