package io.leadhub.enrich.providers.anthropic;

import io.leadhub.enrich.providers.llm.LlmOptions;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An Anthropic LLM's own options (type anthropic, the Messages API), beside the common leadhub.providers.&lt;id&gt;.*
 * properties.
 *
 * @param model                 the model asked
 * @param maxTokens             longest answer, in tokens (one answer holds insight, twelve messages and a call script)
 * @param temperature           sampling temperature
 * @param priceInputPerMillion  price of a million input tokens, counted in the cost ledger
 * @param priceOutputPerMillion price of a million output tokens
 * @param apiVersion            the anthropic-version header
 */
public record AnthropicProviderOptions(
        String model,
        @DefaultValue("4096") int maxTokens,
        @DefaultValue("0.4") double temperature,
        @DefaultValue("0") double priceInputPerMillion,
        @DefaultValue("0") double priceOutputPerMillion,
        @DefaultValue("2023-06-01") String apiVersion) implements LlmOptions {

    public AnthropicProviderOptions {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max-tokens is " + maxTokens + ": at least 1");
        }
    }
}
