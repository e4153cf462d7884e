package io.leadhub.enrich.providers.llm;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import io.leadhub.enrich.ProviderProperties;

/**
 * What the LLM clients (openai, anthropic) share: token pricing, reading a vendor's rate-limit headers into a pause,
 * telling a local server from a remote one, and taking a JSON answer out of a Markdown fence.
 */
public final class LlmCalls {

    private LlmCalls() {
    }

    /**
     * What one answer cost: input and output tokens at the configured price per million, plus any cost-per-call
     * (a vendor's per-request fee, as Perplexity charges).
     */
    public static double tokenCost(ProviderProperties config, LlmOptions llm, Map<String, Object> fields) {
        return config.costPerCall()
                + tokens(fields.get("input_tokens")) * llm.priceInputPerMillion() / 1_000_000d
                + tokens(fields.get("output_tokens")) * llm.priceOutputPerMillion() / 1_000_000d;
    }

    private static long tokens(Object value) {
        return value instanceof Number number ? Math.max(0, number.longValue()) : 0;
    }

    /**
     * How long to hold the next call, from one limit family's headers (requests or tokens): nothing while more
     * than 5% of the allowance is left; below that, calls go at the rate the allowance comes back (the vendors'
     * reset is when the whole allowance is back, so one unit returns every reset / used). For requests that is
     * one request's share; for tokens, the time for 5% of the allowance to return, as the next answer's size is
     * not known. Without a limit header only a spent allowance (0 left) pauses, until its reset.
     *
     * @param limit       the allowance, negative when not sent (Azure sends -1 for what it does not count)
     * @param remaining   what is left, negative when not sent
     * @param resetMillis until the allowance is whole again, negative when not sent
     */
    public static long pause(long limit, long remaining, long resetMillis, boolean tokens) {
        if (remaining < 0 || resetMillis <= 0) {
            return 0;
        }
        if (limit <= 0) {
            return remaining == 0 ? resetMillis : 0;
        }
        long nearlyNone = Math.max(1, limit / 20);
        if (remaining > nearlyNone) {
            return 0;
        }
        long used = Math.max(1, limit - remaining);
        return resetMillis * (tokens ? nearlyNone : 1) / used;
    }

    /** A header's value (names are case-insensitive), or null. */
    public static String header(Map<String, Object> headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null) {
                var value = entry.getValue() instanceof Iterable<?> values && values.iterator().hasNext()
                        ? values.iterator().next() : entry.getValue();
                return value.toString().strip();
            }
        }
        return null;
    }

    /** A header's whole-number value; -1 when absent or not a number. */
    public static long number(Map<String, Object> headers, String name) {
        var value = header(headers, name);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether the base URL's host is this machine (localhost or a loopback address literal). Names are not
     * looked up: a server elsewhere, even on the local network, is configured with a key (any value, if it
     * checks none).
     */
    public static boolean isLoopback(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return false;
        }
        String host;
        try {
            host = URI.create(baseUrl.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        var literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress(); // an address literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * A JSON answer without the Markdown fence models like to put around it (```json ... ```); other text as
     * it came.
     */
    public static String unfence(String text) {
        var trimmed = text.strip();
        if (!trimmed.startsWith("```") || !trimmed.endsWith("```") || trimmed.length() < 6) {
            return text;
        }
        var inner = trimmed.substring(3, trimmed.length() - 3);
        int newline = inner.indexOf('\n');
        if (newline >= 0 && inner.substring(0, newline).strip().matches("[A-Za-z0-9_-]*")) {
            inner = inner.substring(newline + 1); // the language tag line
        }
        return inner.strip();
    }

    /** Puts a non-blank text of the answer into the fields. */
    public static void putText(Map<String, Object> fields, String name, com.fasterxml.jackson.databind.JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            fields.put(name, value.asText());
        }
    }

    /** Puts a whole number of the answer (token counts) into the fields. */
    public static void putNumber(Map<String, Object> fields, String name, com.fasterxml.jackson.databind.JsonNode value) {
        if (value.isIntegralNumber()) {
            fields.put(name, value.longValue());
        }
    }

    /** The answer body as JSON; a body that is not JSON fails the call, naming the vendor. */
    public static com.fasterxml.jackson.databind.JsonNode read(com.fasterxml.jackson.databind.ObjectMapper json, String body, String vendor) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(vendor + " answered something that is not JSON", e);
        }
    }

    /** An error body as JSON, or an empty object when it is not JSON (an HTML error page from a proxy). */
    public static com.fasterxml.jackson.databind.JsonNode readQuietly(com.fasterxml.jackson.databind.ObjectMapper json, String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }

    public static String write(com.fasterxml.jackson.databind.ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
