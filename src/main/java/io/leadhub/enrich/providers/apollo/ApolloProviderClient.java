package io.leadhub.enrich.providers.apollo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.enrich.ProviderClient;
import io.leadhub.enrich.ProviderProperties;
import io.leadhub.enrich.ProviderRequest;
import io.leadhub.enrich.ProvidersProperties;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Apollo.io: organization enrichment (GET /api/v1/organizations/enrich?domain=) answers the company,
 * techstack and funding signals in one call per domain; people match (POST /api/v1/people/match with query
 * parameters) answers the person signal. Several questions at once go to the bulk endpoints (people/bulk_match,
 * organizations/bulk_enrich; ten records each). Apollo reports its per-minute, hourly and daily allowance in headers.
 */
@Component
public class ApolloProviderClient implements ProviderClient {

    private static final String[][] PERSON_PARAMS = {
            {"email", "email"}, {"first_name", "firstName"}, {"last_name", "lastName"}, {"name", "fullName"},
            {"organization_name", "companyName"}, {"domain", "domain"}, {"linkedin_url", "linkedinUrl"}};

    private final ProvidersProperties providers;
    private final ObjectMapper json;

    public ApolloProviderClient(ProvidersProperties providers, ObjectMapper json) {
        this.providers = providers;
        this.json = json;
    }

    private static final int BULK_LIMIT = 10;

    @Override
    public int maxBatch(String providerId, ProviderProperties config) {
        return BULK_LIMIT;
    }

    @Override
    public void request(List<ProviderRequest> requests, Exchange exchange) {
        if (requests.size() == 1) {
            request(requests.get(0), exchange);
            return;
        }
        var message = exchange.getMessage();
        headers(requests.get(0), message);
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if ("person".equals(requests.get(0).signal())) {
            var details = new ArrayList<Map<String, String>>();
            for (var request : requests) {
                var detail = new LinkedHashMap<String, String>();
                for (var param : PERSON_PARAMS) {
                    var value = request.param(param[1]);
                    if (value != null && !value.isBlank()) {
                        detail.put(param[0], value);
                    }
                }
                details.add(detail);
            }
            message.setHeader(Exchange.HTTP_PATH, "/api/v1/people/bulk_match");
            message.setBody(write(Map.of("details", details)));
            return;
        }
        var query = new StringJoiner("&");
        requests.forEach(r -> query.add("domains%5B%5D=" + URLEncoder.encode(r.param("domain"), StandardCharsets.UTF_8)));
        message.setHeader(Exchange.HTTP_PATH, "/api/v1/organizations/bulk_enrich");
        message.setHeader(Exchange.HTTP_QUERY, query.toString());
        message.setBody("{}");
    }

    /**
     * Bulk people matches come back aligned with the details sent (null where nobody matched); bulk
     * organizations only for the domains Apollo knows, so they are matched back by domain.
     */
    @Override
    public List<Map<String, Object>> answers(List<ProviderRequest> requests, int status, String body, Map<String, Object> headers) {
        if (requests.size() == 1) {
            return java.util.Collections.singletonList(answer(requests.get(0), status, body));
        }
        var root = read(body);
        var answers = new ArrayList<Map<String, Object>>();
        if ("person".equals(requests.get(0).signal())) {
            var matches = root.path("matches");
            for (int i = 0; i < requests.size(); i++) {
                answers.add(person(matches.path(i)));
            }
            return answers;
        }
        var byDomain = new LinkedHashMap<String, JsonNode>();
        root.path("organizations").forEach(org -> {
            for (var name : List.of("primary_domain", "website_url")) {
                var domain = bareDomain(org.path(name).asText(""));
                if (!domain.isEmpty()) {
                    byDomain.putIfAbsent(domain, org);
                }
            }
        });
        for (var request : requests) {
            var org = byDomain.get(bareDomain(request.param("domain")));
            answers.add(org == null ? Map.of() : organization(org));
        }
        return answers;
    }

    private static String bareDomain(String value) {
        var domain = value.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst("^[a-z]+://", "");
        domain = domain.replaceFirst("[/?#].*$", "");
        return domain.startsWith("www.") ? domain.substring(4) : domain;
    }

    private void headers(ProviderRequest request, org.apache.camel.Message message) {
        message.setHeader("x-api-key", providers.providers().get(request.provider()).apiKey());
        message.setHeader("Accept", "application/json");
        message.setHeader("Cache-Control", "no-cache");
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body == null ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException("Apollo answered something that is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void request(ProviderRequest request, Exchange exchange) {
        var message = exchange.getMessage();
        headers(request, message);
        if ("person".equals(request.signal())) {
            var query = new StringJoiner("&");
            for (var param : PERSON_PARAMS) {
                var value = request.param(param[1]);
                if (value != null && !value.isBlank()) {
                    query.add(param[0] + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
            message.setHeader(Exchange.HTTP_METHOD, "POST");
            message.setHeader(Exchange.HTTP_PATH, "/api/v1/people/match");
            message.setHeader(Exchange.HTTP_QUERY, query.toString());
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody("{}");
            return;
        }
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_PATH, "/api/v1/organizations/enrich");
        message.setHeader(Exchange.HTTP_QUERY, "domain=" + URLEncoder.encode(request.param("domain"), StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, Object> answer(ProviderRequest request, int status, String body) {
        var root = read(body);
        return "person".equals(request.signal()) ? person(root.path("person")) : organization(root.path("organization"));
    }

    private static Map<String, Object> organization(JsonNode org) {
        var fields = new LinkedHashMap<String, Object>();
        if (!org.isObject()) {
            return fields;
        }
        put(fields, "company_name", org.path("name"));
        put(fields, "company_domain", org.path("primary_domain"));
        put(fields, "company_website", org.path("website_url"));
        put(fields, "company_linkedin_url", org.path("linkedin_url"));
        put(fields, "company_industry", org.path("industry"));
        put(fields, "company_employees", org.path("estimated_num_employees"));
        put(fields, "company_founded_year", org.path("founded_year"));
        put(fields, "company_description", org.path("short_description"));
        put(fields, "company_city", org.path("city"));
        put(fields, "company_country", org.path("country"));
        put(fields, "company_annual_revenue", org.path("annual_revenue"));
        list(fields, "company_keywords", org.path("keywords"));
        list(fields, "technologies", org.path("technology_names"));
        put(fields, "funding_total", org.path("total_funding"));
        put(fields, "funding_stage", org.path("latest_funding_stage"));
        put(fields, "funding_last_round_date", org.path("latest_funding_round_date"));
        return fields;
    }

    private static Map<String, Object> person(JsonNode person) {
        var fields = new LinkedHashMap<String, Object>();
        if (!person.isObject()) {
            return fields; // {"person": null}: Apollo knows nobody by these details
        }
        put(fields, "person_title", person.path("title"));
        put(fields, "person_headline", person.path("headline"));
        put(fields, "person_seniority", person.path("seniority"));
        put(fields, "person_linkedin_url", person.path("linkedin_url"));
        put(fields, "person_city", person.path("city"));
        put(fields, "person_country", person.path("country"));
        put(fields, "person_email", person.path("email"));
        put(fields, "person_email_status", person.path("email_status"));
        list(fields, "person_departments", person.path("departments"));
        return fields;
    }

    private static void put(Map<String, Object> fields, String name, JsonNode value) {
        if (value.isNumber()) {
            fields.put(name, value.numberValue());
        } else if (value.isTextual() && !value.asText().isBlank()) {
            fields.put(name, value.asText());
        }
    }

    private static void list(Map<String, Object> fields, String name, JsonNode values) {
        if (values.isArray() && !values.isEmpty()) {
            var items = new ArrayList<String>();
            values.forEach(v -> items.add(v.asText()));
            fields.put(name, List.copyOf(items));
        }
    }

    /** Nearly out of this minute's (or hour's, or day's) allowance: spread what is left over the window. */
    @Override
    public long pauseMillis(Map<String, Object> headers) {
        long pause = 0;
        pause = Math.max(pause, spread(headers, "x-minute-requests-left", "x-rate-limit-minute", 60_000L));
        pause = Math.max(pause, spread(headers, "x-hourly-requests-left", "x-rate-limit-hourly", 3_600_000L));
        pause = Math.max(pause, spread(headers, "x-24-hour-requests-left", "x-rate-limit-24-hour", 86_400_000L));
        pause = Math.max(pause, spread(headers, "x-daily-requests-left", "x-rate-limit-daily", 86_400_000L));
        return pause;
    }

    private static long spread(Map<String, Object> headers, String leftHeader, String limitHeader, long windowMillis) {
        var left = number(headers, leftHeader);
        var limit = number(headers, limitHeader);
        if (left < 0 || limit <= 0 || left > Math.max(1, limit / 20)) {
            return 0; // more than 5% left: full speed
        }
        return windowMillis / Math.max(1, limit) * (left == 0 ? limit : 1);
    }

    private static long number(Map<String, Object> headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null) {
                try {
                    return Long.parseLong(entry.getValue().toString().strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
