package io.leadhub.personalize;

import java.util.List;
import java.util.Map;

/**
 * What the writer may use. lead: lead fields by name (first_name, last_name, full_name, title, email, phone,
 * company_name, company_domain, country, city); profile: enriched fields by name (company_industry/industry,
 * company_employees, company_description, technologies (list), funding_stage, funding_total, person_seniority,
 * news_headline, website_title, ...); fitReasons: why the product fits. Null maps and lists are taken as empty;
 * product may be null.
 */
public record PersonalizationFacts(Map<String, Object> lead, Map<String, Object> profile, ProductInfo product,
                                   String tier, double score, List<String> fitReasons, boolean doNotCall) {

    public PersonalizationFacts {
        lead = lead == null ? Map.of() : Lists.copy(lead);
        profile = profile == null ? Map.of() : Lists.copy(profile);
        fitReasons = fitReasons == null ? List.of() : Lists.copy(fitReasons);
    }
}
