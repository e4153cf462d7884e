package io.leadhub.personalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.product.ProductRepository;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The "plan" step of personalization: for each lead, its best-fitting product(s) (or the one asked for), with
 * the facts a writer may use. Email and phone are not among them: the writer needs neither, and what is not
 * sent to an LLM cannot leak from it.
 */
@Component
public class PersonalizePlanner {

    private static final Logger log = LoggerFactory.getLogger(PersonalizePlanner.class);
    private static final List<String> LEAD_FIELDS = List.of("first_name", "last_name", "full_name", "title", "company_name",
            "company_domain", "website", "country", "city");
    private static final Set<String> NOT_FOR_WRITERS = Set.of("person_email", "email", "phone", "person_phone", "mobile_phone");
    private static final Set<String> DNC_FLAGS = Set.of("do_not_call", "donotcall", "dnc", "phone_dnc", "phone_do_not_call");

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ProductRepository products;
    private final PersonalizationProperties config;

    public PersonalizePlanner(JdbcClient jdbc, ObjectMapper json, ProductRepository products, PersonalizationProperties config) {
        this.jdbc = jdbc;
        this.json = json;
        this.products = products;
        this.config = config;
    }

    /** Jobs for the leads' best products; with a productId header, for that product only. */
    public List<PersonalizationJob> plan(@Body List<?> ids, @Header("leadhubProductId") String productId) {
        var uuids = ids.stream().map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString())).distinct().toArray(UUID[]::new);
        var jobs = new ArrayList<PersonalizationJob>();
        var offered = new HashMap<String, Map<String, io.leadhub.product.Product>>();
        var withoutProducts = new HashMap<String, Integer>();
        jdbc.sql("""
                        SELECT l.*, p.profile::text AS profile_json, s.score, s.tier, s.fit::text AS fit_json
                        FROM lead l LEFT JOIN lead_profile p ON p.lead_id = l.id LEFT JOIN lead_score s ON s.lead_id = l.id
                        WHERE l.id = ANY(:ids)""")
                .param("ids", uuids)
                .query(rs -> {
                    var id = rs.getObject("id", UUID.class);
                    var workspace = rs.getString("workspace");
                    var catalogue = offered.computeIfAbsent(workspace, ws -> {
                        var byId = new LinkedHashMap<String, io.leadhub.product.Product>();
                        products.all(ws).forEach(p -> byId.put(p.id(), p));
                        return byId;
                    });
                    if (catalogue.isEmpty()) {
                        withoutProducts.merge(workspace, 1, Integer::sum);
                        return;
                    }
                    var lead = new LinkedHashMap<String, Object>();
                    for (var field : LEAD_FIELDS) {
                        var value = rs.getString(field);
                        if (value != null && !value.isBlank()) {
                            lead.put(field, value);
                        }
                    }
                    var attributes = read(rs.getString("attributes"));
                    var profile = new LinkedHashMap<String, Object>();
                    read(rs.getString("profile_json")).forEach((field, entry) -> {
                        var value = entry instanceof Map<?, ?> m && m.containsKey("value") ? m.get("value") : entry;
                        if (value != null && !NOT_FOR_WRITERS.contains(field)) {
                            profile.put(field, value);
                        }
                    });
                    boolean doNotCall = flagged(attributes) || flagged(profile);
                    var fits = readList(rs.getString("fit_json"));
                    var chosen = new ArrayList<String>();
                    if (productId != null && !productId.isBlank()) {
                        chosen.add(productId);
                    } else {
                        fits.stream().map(f -> String.valueOf(f.get("product"))).filter(catalogue::containsKey)
                                .limit(Math.max(1, config.productsPerLead())).forEach(chosen::add);
                        if (chosen.isEmpty()) {
                            chosen.add(catalogue.keySet().iterator().next());
                        }
                    }
                    for (var pid : chosen) {
                        var product = catalogue.get(pid);
                        if (product == null) {
                            continue;
                        }
                        var reasons = fits.stream().filter(f -> pid.equals(f.get("product"))).findFirst()
                                .map(f -> f.get("reasons") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.<String>of())
                                .orElse(List.of());
                        var info = new ProductInfo(product.id(), product.name(), product.valueProposition(), product.icpDescription());
                        var score = rs.getObject("score") == null ? 0.0 : rs.getDouble("score");
                        var tier = rs.getString("tier");
                        var facts = new PersonalizationFacts(lead, profile, info, tier, score, reasons, doNotCall);
                        jobs.add(new PersonalizationJob(id, workspace, facts, citable(lead, profile, info)));
                    }
                });
        withoutProducts.forEach((workspace, count) -> log.info(
                "{} lead(s) not personalized: workspace '{}' has no product yet (POST /api/products; adding one writes for every qualified lead)",
                count, workspace));
        return jobs;
    }

    /** What an answer may name in grounded_on: the fields shown to the writer. */
    private static Map<String, Object> citable(Map<String, Object> lead, Map<String, Object> profile, ProductInfo product) {
        var citable = new LinkedHashMap<String, Object>(lead);
        profile.forEach(citable::putIfAbsent);
        citable.put("product.name", product.name());
        if (product.valueProposition() != null) {
            citable.put("product.value_proposition", product.valueProposition());
        }
        if (product.icpDescription() != null) {
            citable.put("product.icp_description", product.icpDescription());
        }
        return citable;
    }

    private static boolean flagged(Map<String, Object> fields) {
        for (var entry : fields.entrySet()) {
            var key = entry.getKey().toLowerCase(Locale.ROOT).replace("-", "_").replace(" ", "_");
            if (DNC_FLAGS.contains(key) || DNC_FLAGS.contains(key.replace("_", ""))) {
                var value = String.valueOf(entry.getValue()).strip().toLowerCase(Locale.ROOT);
                if (Set.of("true", "yes", "1", "y", "dnc").contains(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Map<String, Object> read(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Map<String, Object>> readList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
