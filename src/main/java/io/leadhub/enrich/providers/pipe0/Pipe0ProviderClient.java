package io.leadhub.enrich.providers.pipe0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.enrich.ProviderCallException;
import io.leadhub.enrich.ProviderClient;
import io.leadhub.enrich.ProviderOptionsBinder;
import io.leadhub.enrich.ProviderProperties;
import io.leadhub.enrich.ProviderRequest;
import io.leadhub.enrich.ProvidersProperties;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * pipe0: runs the configured pipes on the company (company_domain) or person (email, name) of a question.
 * Sync mode posts to /v1/pipes/run/sync; async mode posts to /v1/pipes/run and polls /v1/pipes/check/{run_id}
 * from the route's retry loop, waiting between polls without a dedicated thread per lead. One run carries several
 * questions as input records (sync: fewer than ten, as pipe0 asks; async: up to its 100).
 */
@Component
public class Pipe0ProviderClient implements ProviderClient {

    private static final String RUN_ID = "leadhubPipe0Run";
    private static final String POLLS = "leadhubPipe0Polls";
    private static final Set<String> INPUT_FIELDS = Set.of("id", "company_domain", "email", "name", "company_name");

    private final ProvidersProperties providers;
    private final Map<String, Pipe0ProviderOptions> options;
    private final ObjectMapper json;

    public Pipe0ProviderClient(ProvidersProperties providers, ProviderOptionsBinder binder, ObjectMapper json) {
        this.providers = providers;
        this.options = binder.bind("pipe0", Pipe0ProviderOptions.class);
        this.json = json;
    }

    @Override
    public Object options(String providerId) {
        return options.get(providerId);
    }

    @Override
    public int maxBatch(String providerId, ProviderProperties config) {
        return options.get(providerId).async() ? 100 : 9;
    }

    @Override
    public void request(ProviderRequest request, Exchange exchange) {
        request(List.of(request), exchange);
    }

    @Override
    public void request(List<ProviderRequest> requests, Exchange exchange) {
        var request = requests.get(0);
        var config = providers.providers().get(request.provider());
        var pipe0 = options.get(request.provider());
        var message = exchange.getMessage();
        message.setHeader("Authorization", "Bearer " + config.apiKey());
        message.setHeader("Accept", "application/json");
        var runId = exchange.getProperty(RUN_ID, String.class);
        if (runId != null) {
            message.setHeader(Exchange.HTTP_METHOD, "GET");
            message.setHeader(Exchange.HTTP_PATH, "/v1/pipes/check/" + runId);
            return;
        }
        var inputs = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < requests.size(); i++) {
            var input = new LinkedHashMap<String, Object>();
            input.put("id", String.valueOf(i + 1));
            putIfPresent(input, "company_domain", requests.get(i).param("domain"));
            putIfPresent(input, "email", requests.get(i).param("email"));
            putIfPresent(input, "name", requests.get(i).param("fullName"));
            putIfPresent(input, "company_name", requests.get(i).param("companyName"));
            inputs.add(input);
        }
        var payload = Map.of(
                "config", Map.of("environment", "production"),
                "pipes", pipe0.pipes().stream().map(id -> Map.of("pipe_id", id)).toList(),
                "input", inputs);
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, pipe0.async() ? "/v1/pipes/run" : "/v1/pipes/run/sync");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(json.writeValueAsString(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long followUp(ProviderRequest request, String body, Exchange exchange) {
        var run = read(body);
        var status = run.path("status").asText();
        if (!status.equals("pending") && !status.equals("processing")) {
            return -1;
        }
        var pipe0 = options.get(request.provider());
        int polls = exchange.getProperty(POLLS, 0, Integer.class) + 1;
        if (polls > pipe0.maxPolls()) {
            throw new ProviderCallException("error: pipe0 run still " + status, 200, "pipe0 run " + run.path("id").asText()
                    + " still " + status + " after " + pipe0.maxPolls() + " polls");
        }
        exchange.setProperty(POLLS, polls);
        exchange.setProperty(RUN_ID, run.path("id").asText());
        return pipe0.pollInterval().toMillis();
    }

    @Override
    public Map<String, Object> answer(ProviderRequest request, int status, String body) {
        return answers(List.of(request), status, body, Map.of()).get(0);
    }

    /** Each question's record, by the input id it was sent with. */
    @Override
    public List<Map<String, Object>> answers(List<ProviderRequest> requests, int status, String body, Map<String, Object> headers) {
        var run = read(body);
        if (run.path("status").asText().equals("failed") || run.path("errors").size() > 0) {
            throw new ProviderCallException("error: pipe0 run failed", status, "pipe0 run failed: " + run.path("errors"));
        }
        var answers = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < requests.size(); i++) {
            answers.add(record(run.path("records").path(String.valueOf(i + 1)).path("fields")));
        }
        return answers;
    }

    private Map<String, Object> record(JsonNode record) {
        var fields = new LinkedHashMap<String, Object>();
        record.fields().forEachRemaining(entry -> {
            var field = entry.getValue();
            if (INPUT_FIELDS.contains(entry.getKey()) || !"completed".equals(field.path("status").asText())
                    || field.path("value").isNull() || field.path("value").isMissingNode()) {
                return;
            }
            fields.put(entry.getKey(), json.convertValue(field.path("value"), Object.class));
        });
        return fields;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body == null ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException("pipe0 answered something that is not JSON", e);
        }
    }

    private static void putIfPresent(Map<String, Object> input, String name, String value) {
        if (value != null && !value.isBlank()) {
            input.put(name, value);
        }
    }
}
