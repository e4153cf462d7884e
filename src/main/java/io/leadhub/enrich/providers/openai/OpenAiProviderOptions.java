package io.leadhub.enrich.providers.openai;

import io.leadhub.enrich.providers.llm.LlmOptions;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An OpenAI-compatible LLM's own options (type openai: OpenAI, Azure OpenAI, Groq, Ollama, vLLM, ...), beside the
 * common leadhub.providers.&lt;id&gt;.* properties. base-url includes the /v1 prefix; a loopback base-url needs no key.
 *
 * @param model                 the model asked
 * @param maxTokens             longest answer, in tokens (one answer holds insight, twelve messages and a call script)
 * @param temperature           sampling temperature
 * @param priceInputPerMillion  price of a million input tokens, counted in the cost ledger
 * @param priceOutputPerMillion price of a million output tokens
 */
public record OpenAiProviderOptions(
        String model,
        @DefaultValue("4096") int maxTokens,
        @DefaultValue("0.4") double temperature,
        @DefaultValue("0") double priceInputPerMillion,
        @DefaultValue("0") double priceOutputPerMillion) implements LlmOptions {

    public OpenAiProviderOptions {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max-tokens is " + maxTokens + ": at least 1");
        }
    }
}
