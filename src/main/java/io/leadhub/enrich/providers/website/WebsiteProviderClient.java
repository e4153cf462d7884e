package io.leadhub.enrich.providers.website;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.enrich.Attempt;
import io.leadhub.enrich.KeylessProvider;
import io.leadhub.enrich.ProviderCallException;
import io.leadhub.enrich.ProviderClient;
import io.leadhub.enrich.ProviderOptionsBinder;
import io.leadhub.enrich.ProviderProperties;
import io.leadhub.enrich.ProviderRefusedException;
import io.leadhub.enrich.ProviderRequest;
import io.leadhub.enrich.ProvidersProperties;
import org.apache.camel.Exchange;
import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;

/**
 * The keyless website analyser: fetches the company's homepage (through the SSRF guard, again at every
 * redirect, and connecting only to the addresses the guard checked; at most max-bytes of it, within the call's
 * deadline), and reads its title, meta description, social links, technologies recognised from the bundled
 * fingerprints, and a careers page as a hiring signal.
 */
@Component
public class WebsiteProviderClient implements ProviderClient, KeylessProvider {

    private static final String URL_PROPERTY = "leadhubWebsiteUrl";
    private static final String REDIRECTS_PROPERTY = "leadhubWebsiteRedirects";
    private static final Map<String, Pattern> SOCIAL = Map.of(
            "linkedin", Pattern.compile("linkedin\\.com/(company|school|showcase)/[^/?#\"]+"),
            "twitter", Pattern.compile("(twitter|x)\\.com/[A-Za-z0-9_]{1,15}$"),
            "facebook", Pattern.compile("facebook\\.com/[^/?#\"]+"),
            "github", Pattern.compile("github\\.com/[^/?#\"]+$"),
            "youtube", Pattern.compile("youtube\\.com/(c/|channel/|@)[^/?#\"]+"),
            "instagram", Pattern.compile("instagram\\.com/[^/?#\"]+"));
    private static final Pattern CAREERS = Pattern.compile(
            "(?i)(/careers?\\b|/jobs?\\b|/join-us|/work-with-us|/vacancies|boards\\.greenhouse\\.io|jobs\\.lever\\.co|"
                    + "apply\\.workable\\.com|jobs\\.ashbyhq\\.com|\\.recruitee\\.com|\\.personio\\.(de|com))");

    private final ProvidersProperties providers;
    private final Map<String, WebsiteProviderOptions> options;
    private final WebsiteHttpClients http;
    private final List<Fingerprint> fingerprints;

    record Fingerprint(String name, List<Pattern> html, List<Pattern> src, Map<String, Pattern> headers) {
    }

    public WebsiteProviderClient(ProvidersProperties providers, ProviderOptionsBinder binder, ObjectMapper json,
                                 WebsiteHttpClients http) throws IOException {
        this.providers = providers;
        this.options = binder.bind("website", WebsiteProviderOptions.class);
        this.http = http;
        try (var in = getClass().getClassLoader().getResourceAsStream("website-fingerprints.json")) {
            var list = new ArrayList<Fingerprint>();
            for (var t : json.readTree(in).path("technologies")) {
                var html = new ArrayList<Pattern>();
                t.path("html").forEach(p -> html.add(Pattern.compile(p.asText())));
                var src = new ArrayList<Pattern>();
                t.path("src").forEach(p -> src.add(Pattern.compile(p.asText())));
                var headers = new TreeMap<String, Pattern>(String.CASE_INSENSITIVE_ORDER);
                t.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), Pattern.compile(h.getValue().asText())));
                list.add(new Fingerprint(t.path("name").asText(), html, src, headers));
            }
            this.fingerprints = List.copyOf(list);
        }
    }

    @Override
    public Object options(String providerId) {
        return options.get(providerId);
    }

    private AddressGuard guard(ProviderRequest request) {
        return http.guard(options.get(request.provider()));
    }

    @Override
    public org.apache.camel.component.http.HttpClientConfigurer httpClientConfigurer(String providerId, ProviderProperties config) {
        return http.configurer(config, options.get(providerId));
    }

    /** What is left of the call's deadline (redirects and retries share it); the call ends when nothing is. */
    private long budgetMillis(ProviderRequest request, Exchange exchange) {
        var deadline = options.get(request.provider()).effectiveDeadline(providers.providers().get(request.provider()).timeout());
        var attempt = exchange.getProperty("leadhubAttempt", Attempt.class);
        var left = deadline.toMillis() - (attempt == null ? 0 : attempt.elapsedMillis());
        if (left <= 0) {
            throw new ProviderCallException("error: deadline", null,
                    "website call passed its deadline of " + deadline.toMillis() + " ms");
        }
        return left;
    }

    @Override
    public void request(ProviderRequest request, Exchange exchange) {
        var url = exchange.getProperty(URL_PROPERTY, String.class);
        if (url == null) {
            url = (options.get(request.provider()).allowLoopback() ? "http://" : "https://")
                    + request.param("domain") + "/";
            var base = providers.providers().get(request.provider()).baseUrl();
            if (base != null && !base.isBlank() && base.contains("{domain}")) {
                url = base.replace("{domain}", request.param("domain"));
            }
        }
        guard(request).check(url);
        var message = exchange.getMessage();
        message.removeHeader(Exchange.HTTP_PATH);
        message.removeHeader(Exchange.HTTP_QUERY);
        message.setHeader(Exchange.HTTP_URI, url);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader("User-Agent", "Mozilla/5.0 (compatible; leadhub-website-analyser/0.1)");
        message.setHeader("Accept", "text/html,application/xhtml+xml");
        message.setHeader(BoundedDownloads.BUDGET_HEADER, budgetMillis(request, exchange));
        exchange.setProperty(URL_PROPERTY, url);
    }

    @Override
    public boolean followRedirect(ProviderRequest request, int status, Exchange exchange) {
        var location = exchange.getMessage().getHeader("Location", String.class);
        if (location == null) {
            return false;
        }
        int redirects = exchange.getProperty(REDIRECTS_PROPERTY, 0, Integer.class) + 1;
        if (redirects > options.get(request.provider()).maxRedirects()) {
            throw new ProviderRefusedException("more than " + (redirects - 1) + " redirects");
        }
        var next = java.net.URI.create(exchange.getProperty(URL_PROPERTY, String.class)).resolve(location.strip()).toString();
        guard(request).check(next); // a public site must not bounce the hub to an internal address
        exchange.setProperty(REDIRECTS_PROPERTY, redirects);
        exchange.setProperty(URL_PROPERTY, next);
        return true;
    }

    @Override
    public Map<String, Object> answer(ProviderRequest request, int status, String body) {
        return answer(request, status, body, Map.of());
    }

    @Override
    public Map<String, Object> answer(ProviderRequest request, int status, String body, Map<String, Object> headers) {
        var fields = new LinkedHashMap<String, Object>();
        if (body == null || body.isBlank()) {
            return fields;
        }
        var max = (int) Math.min(Integer.MAX_VALUE, options.get(request.provider()).maxBytes());
        var html = body.length() > max ? body.substring(0, max) : body;
        var document = Jsoup.parse(html);
        putIfPresent(fields, "website_title", document.title());
        putIfPresent(fields, "website_description", document.select("meta[name=description]").attr("content"));
        if (!fields.containsKey("website_description")) {
            putIfPresent(fields, "website_description", document.select("meta[property=og:description]").attr("content"));
        }
        var links = new ArrayList<String>();
        document.select("a[href]").forEach(a -> links.add(a.attr("href")));
        var social = new TreeMap<String, String>();
        for (var link : links) {
            SOCIAL.forEach((network, pattern) -> {
                if (!social.containsKey(network) && pattern.matcher(link.replaceAll("/+$", "")).find()) {
                    social.put(network, link);
                }
            });
        }
        if (!social.isEmpty()) {
            fields.put("website_social", social);
        }
        links.stream().filter(l -> CAREERS.matcher(l).find()).findFirst().ifPresent(careers -> {
            fields.put("website_careers_url", careers);
            fields.put("hiring", true);
        });
        var sources = new ArrayList<String>();
        document.select("script[src], link[href]").forEach(e -> sources.add(e.hasAttr("src") ? e.attr("src") : e.attr("href")));
        var technologies = new TreeSet<String>(technologiesFromHeaders(headers));
        for (var fingerprint : fingerprints) {
            if (fingerprint.src().stream().anyMatch(p -> sources.stream().anyMatch(s -> p.matcher(s).find()))
                    || fingerprint.html().stream().anyMatch(p -> p.matcher(html).find())) {
                technologies.add(fingerprint.name());
            }
        }
        if (!technologies.isEmpty()) {
            fields.put("website_technologies", List.copyOf(technologies));
        }
        return fields;
    }

    List<String> technologiesFromHeaders(Map<String, Object> headers) {
        var found = new ArrayList<String>();
        for (var fingerprint : fingerprints) {
            fingerprint.headers().forEach((name, pattern) -> headers.forEach((header, value) -> {
                if (header.equalsIgnoreCase(name) && value != null && pattern.matcher(value.toString()).find()
                        && !found.contains(fingerprint.name())) {
                    found.add(fingerprint.name());
                }
            }));
        }
        return found;
    }

    private static void putIfPresent(Map<String, Object> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value.strip().replaceAll("\\s+", " "));
        }
    }
}
