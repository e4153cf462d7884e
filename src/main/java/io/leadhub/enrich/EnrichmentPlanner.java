package io.leadhub.enrich;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.camel.Body;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The "plan" step of enrichment: loads a batch of leads and turns it into questions per signal. Company-level
 * signals are asked once per company domain and person-level ones once per person, however many leads share
 * them; each signal's providers are ordered by priority for its waterfall.
 */
@Component
public class EnrichmentPlanner {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EnrichmentPlanner.class);
    private static final Set<String> PERSON_SIGNALS = Set.of("person", "email_verification");

    private final JdbcClient jdbc;
    private final Providers providers;

    public EnrichmentPlanner(JdbcClient jdbc, Providers providers) {
        this.jdbc = jdbc;
        this.providers = providers;
    }

    record LeadFacts(UUID id, String email, String firstName, String lastName, String fullName, String companyName,
                     String companyDomain, String linkedinUrl) {
    }

    public EnrichmentBatch plan(@Body List<String> ids) {
        var uuids = ids.stream().distinct().map(UUID::fromString).toList();
        var leads = jdbc.sql("""
                        SELECT id, email, first_name, last_name, full_name, company_name, company_domain, linkedin_url
                        FROM lead WHERE id = ANY(:ids)""")
                .param("ids", uuids.toArray(new UUID[0]))
                .query((rs, n) -> new LeadFacts(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
        log.info("Enriching a batch of {} leads", leads.size());
        var runs = new ArrayList<SignalRun>();
        signalProviders().forEach((signal, ids2) -> runs.add(run(signal, ids2, leads)));
        return new EnrichmentBatch(leads.stream().map(LeadFacts::id).toList(), runs);
    }

    /** Each configured signal with its providers, lower priority first. */
    Map<String, List<String>> signalProviders() {
        var bySignal = new LinkedHashMap<String, List<Providers.Provider>>();
        providers.all().values().forEach(p -> p.config().signals()
                .forEach(signal -> bySignal.computeIfAbsent(signal, s -> new ArrayList<>()).add(p)));
        var ordered = new LinkedHashMap<String, List<String>>();
        bySignal.forEach((signal, list) -> ordered.put(signal, list.stream()
                .sorted(Comparator.comparingInt((Providers.Provider p) -> p.config().priority()))
                .map(Providers.Provider::id).toList()));
        return ordered;
    }

    private static SignalRun run(String signal, List<String> providerIds, List<LeadFacts> leads) {
        var questions = new LinkedHashMap<String, Question>();
        var unaskable = new LinkedHashMap<UUID, String>();
        for (var lead : leads) {
            var params = new LinkedHashMap<String, String>();
            String key;
            if (PERSON_SIGNALS.contains(signal)) {
                if (lead.email() == null && ("email_verification".equals(signal) || lead.linkedinUrl() == null)) {
                    unaskable.put(lead.id(), "no_input: needs an email" + ("person".equals(signal) ? " or LinkedIn URL" : ""));
                    continue;
                }
                key = lead.email() != null ? "email:" + lead.email() : "linkedin:" + lead.linkedinUrl();
                putIfPresent(params, "email", lead.email());
                putIfPresent(params, "firstName", lead.firstName());
                putIfPresent(params, "lastName", lead.lastName());
                putIfPresent(params, "fullName", lead.fullName());
                putIfPresent(params, "linkedinUrl", lead.linkedinUrl());
                putIfPresent(params, "companyName", lead.companyName());
                putIfPresent(params, "domain", lead.companyDomain());
            } else {
                if (lead.companyDomain() == null) {
                    unaskable.put(lead.id(), "no_input: needs a company domain");
                    continue;
                }
                key = "domain:" + lead.companyDomain();
                params.put("domain", lead.companyDomain());
                putIfPresent(params, "companyName", lead.companyName());
            }
            var existing = questions.get(key);
            if (existing == null) {
                questions.put(key, new Question(signal, key, params, new ArrayList<>(List.of(lead.id()))));
            } else {
                existing.leadIds().add(lead.id());
            }
        }
        return new SignalRun(signal, providerIds, new ArrayList<>(questions.values()), unaskable);
    }

    private static void putIfPresent(Map<String, String> params, String name, String value) {
        if (value != null && !value.isBlank()) {
            params.put(name, value);
        }
    }
}
