package io.leadhub.enrich.providers.llm;

/**
 * What the LLM clients' options records (openai, anthropic) have in common: the model and its answer settings,
 * and the price per million tokens for the cost ledger. The personalization stage reads the model of the LLM it
 * writes with through it.
 */
public interface LlmOptions {

    String model();

    int maxTokens();

    double temperature();

    double priceInputPerMillion();

    double priceOutputPerMillion();
}
