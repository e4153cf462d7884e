package io.leadhub.personalize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values an outreach template may print ({{first_name}}, {{company}}, ...), from the fact sheet: each a
 * {@link Fact}, absent when not known. The flags (size_small, level_executive, ...) print nothing: a line uses
 * them as {{?flag}} to be offered only when the flag holds, and relies on the facts behind it.
 */
final class TemplateValues {

    static final Set<String> NAMES = Set.of("first_name", "company", "company_unless_in_headline", "title", "industry", "size",
            "technologies_2", "technologies_3", "round", "stage", "raised", "headline", "product", "value", "value_short", "icp",
            "fit_reason_1", "fit_reason_2", "fit_reason_3",
            "size_small", "size_mid", "size_large", "level", "level_executive", "level_leader", "level_manager", "level_individual");

    private TemplateValues() {
    }

    static Map<String, Fact> of(FactSheet f) {
        var values = new LinkedHashMap<String, Fact>();
        put(values, "first_name", f.first);
        put(values, "company", f.company);
        put(values, "company_unless_in_headline", namedElsewhere(f.company, f.headline));
        put(values, "title", f.title);
        put(values, "industry", f.industry);
        put(values, "size", f.size);
        put(values, "technologies_2", f.technologies(2));
        put(values, "technologies_3", f.technologies(3));
        put(values, "round", f.round);
        put(values, "stage", f.stage);
        put(values, "raised", f.raised);
        put(values, "headline", f.headline);
        put(values, "product", f.product);
        put(values, "value", f.value);
        put(values, "value_short", f.valueShort);
        put(values, "icp", f.icp);
        for (int i = 0; i < f.fitReasons.size(); i++) {
            put(values, "fit_reason_" + (i + 1), f.fitReasons.get(i));
        }
        if (f.sizeClass != null) {
            put(values, "size_" + f.sizeClass.name().toLowerCase(java.util.Locale.ROOT), flag(f.size));
        }
        if (f.level != null) {
            put(values, "level", flag(f.levelSource));
            put(values, "level_" + f.level.name().toLowerCase(java.util.Locale.ROOT), flag(f.levelSource));
        }
        return values;
    }

    private static void put(Map<String, Fact> values, String name, Fact fact) {
        if (fact != null) {
            values.put(name, fact);
        }
    }

    private static Fact flag(Fact basis) {
        return new Fact("", basis.fields());
    }

    /** The company, unless the other text already names it (a headline about it): then null, not to say it twice. */
    private static Fact namedElsewhere(Fact company, Fact other) {
        if (company == null || other == null) {
            return company;
        }
        return other.text().toLowerCase(java.util.Locale.ROOT).contains(company.text().toLowerCase(java.util.Locale.ROOT)) ? null : company;
    }
}
