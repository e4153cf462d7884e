package io.leadhub.personalize;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadhub.facts.CompanyNames;
import io.leadhub.facts.CompanySize;
import io.leadhub.facts.CompanySize.Band;
import io.leadhub.facts.Industries;
import io.leadhub.facts.PersonNames;
import io.leadhub.facts.Seniority;
import io.leadhub.facts.Seniority.Level;

/**
 * The facts a template may print, each cleaned ({@link Text#clean}), shortened to fit a sentence or left out,
 * and carrying the fact fields it comes from. A fact is null when it is not known or not usable. Legal forms,
 * honorifics, seniority, size ranges and NAICS codes are read with the lists of {@code io.leadhub.facts}.
 */
final class FactSheet {

    static final int FIRST_NAME_MAX = 25;
    static final int COMPANY_MAX = 50;
    static final int TITLE_MAX = 50;
    static final int INDUSTRY_MAX = 40;
    static final int TECHNOLOGY_MAX = 25;
    static final int PRODUCT_MAX = 40;
    static final int HEADLINE_MAX = 100;
    static final int VALUE_MAX = 160;
    static final int VALUE_SHORT_MAX = 80;
    static final int ICP_MAX = 160;
    static final int REASON_MAX = 140;
    /** More employees than this is not a number to believe. */
    private static final long MAX_EMPLOYEES = 10_000_000;

    private static final Pattern NEGATIVE_REASON = Pattern.compile("(?i)unknown|not in|not understood|none of|nothing to|no match"
            + "|does not|doesn't|mismatch|similarity|\\bnot\\b|\\bno\\b");

    private final Map<String, Object> lead;
    private final Map<String, Object> profile;

    final Fact first;
    final Fact company;
    final Fact title;
    final Level level;
    /** The fact the level was read from: the seniority, else the title. */
    final Fact levelSource;
    final Fact industry;
    final Fact size;
    final Band sizeClass;
    final List<Fact> technologies;
    final Fact round;
    final Fact stage;
    final Fact raised;
    final Fact headline;
    final Fact product;
    final Fact value;
    final Fact valueShort;
    final Fact icp;
    final List<Fact> fitReasons;

    FactSheet(PersonalizationFacts facts) {
        lead = facts.lead();
        profile = facts.profile();
        first = firstName();
        company = company();
        title = title();
        var levelAndFact = level();
        level = levelAndFact == null ? null : levelAndFact.level();
        levelSource = levelAndFact == null ? null : levelAndFact.fact();
        industry = industry();
        var employees = employees();
        size = employees == null ? null : employees.fact();
        sizeClass = employees == null ? null : employees.size();
        technologies = technologies();
        var funding = Funding.roundAndStage(find("funding_stage"));
        round = funding[0];
        stage = funding[1];
        raised = Funding.raised(raw("funding_total"));
        headline = headline();
        var p = facts.product();
        product = p == null ? null : Fact.of(Text.shortName(productName(p.name()), PRODUCT_MAX), "product.name");
        var vp = p == null ? null : Text.firstSentence(Text.clean(p.valueProposition()));
        value = Fact.of(Text.clause(vp, VALUE_MAX, 3), "product.valueProposition");
        var shortValue = Text.clause(vp, VALUE_SHORT_MAX, 3);
        valueShort = Fact.of(shortValue, "product.valueProposition");
        icp = p == null ? null : Fact.of(Text.clause(Text.firstSentence(Text.clean(p.icpDescription())), ICP_MAX, 3), "product.icpDescription");
        fitReasons = fitReasons(facts.fitReasons());
    }

    /** Up to n technologies joined as "a, b and c", or null. */
    Fact technologies(int n) {
        return Fact.list(technologies.subList(0, Math.min(n, technologies.size())));
    }

    // --- reading ---

    /** The first of the keys with a usable value, in the lead first and then the profile, with the key it was found under. */
    private Fact find(String... keys) {
        for (var key : keys) {
            for (var source : List.of(lead, profile)) {
                var text = Text.clean(source.get(key));
                if (text != null) {
                    return Fact.of(text, key);
                }
            }
        }
        return null;
    }

    private Object raw(String key) {
        var value = lead.get(key);
        return value != null ? value : profile.get(key);
    }

    private Fact firstName() {
        var given = find("first_name");
        if (given != null) {
            var name = given.text().split(" ").length <= 2 ? given.text() : null;
            return usableName(name, given.fields());
        }
        var full = find("full_name");
        if (full == null) {
            return null;
        }
        var words = PersonNames.withoutHonorifics(List.of(full.text().split(" ")));
        // a single word could be a given name or a family name: only a name of two words or more tells
        return words.size() >= 2 ? usableName(words.get(0), full.fields()) : null;
    }

    private static Fact usableName(String name, Set<String> fields) {
        if (name == null || name.length() > FIRST_NAME_MAX || !Text.looksLikeName(name)) {
            return null;
        }
        return new Fact(Text.nameCase(name), fields);
    }

    private Fact company() {
        var found = find("company_name");
        if (found == null) {
            return null;
        }
        var name = found.text();
        for (var previous = ""; !previous.equals(name); ) {
            previous = name;
            var stripped = CompanyNames.withoutLegalSuffix(name).strip();
            if (stripped.length() >= 2 && Text.clean(stripped) != null) {
                name = Text.clean(stripped);
            }
        }
        name = Text.shortName(name, COMPANY_MAX);
        return name == null || !name.matches("(?s).*\\p{L}.*") ? null : new Fact(name, found.fields());
    }

    private Fact title() {
        var found = find("title", "person_title");
        if (found == null) {
            return null;
        }
        // "VP Sales at Acme" and "Director of Sales | Board Member": the role itself, the first of several
        var text = found.text().replaceAll("(?i)\\s+(at|@)\\s+.*$", "").replaceAll("\\s+\\|\\s+.*$", "");
        text = Text.shortName(Text.clean(text), TITLE_MAX);
        return text == null || !text.matches("(?s).*\\p{L}.*") ? null : new Fact(text, found.fields());
    }

    private record LevelFact(Level level, Fact fact) {
    }

    private LevelFact level() {
        var seniority = find("person_seniority");
        var level = seniority == null ? null : Seniority.ofSeniority(seniority.text()).orElse(null);
        if (level != null) {
            return new LevelFact(level, seniority);
        }
        level = title == null ? null : Seniority.ofTitle(title.text()).orElse(null);
        return level == null ? null : new LevelFact(level, title);
    }

    private Fact industry() {
        var found = find("company_industry", "industry");
        if (found == null) {
            return null;
        }
        var text = Industries.withoutCode(found.text());
        text = text.replaceAll("(?i)\\s+(industry|sector)$", "");
        text = Text.shortName(Text.clean(text), INDUSTRY_MAX);
        if (text == null || !text.matches("(?s).*\\p{L}.*")) {
            return null;
        }
        var words = new ArrayList<String>();
        for (var word : text.split(" ")) {
            boolean capitalizedWord = word.length() > 1 && Character.isUpperCase(word.charAt(0))
                    && word.substring(1).equals(word.substring(1).toLowerCase(Locale.ROOT));
            words.add(capitalizedWord ? word.toLowerCase(Locale.ROOT) : word);
        }
        return new Fact(String.join(" ", words), found.fields());
    }

    private record Employees(Fact fact, Band size) {
    }

    private Employees employees() {
        var value = raw("company_employees");
        if (value == null) {
            return null;
        }
        var field = Set.of("company_employees");
        if (value instanceof Number n) {
            return employees(Math.round(n.doubleValue()), false, field);
        }
        var range = CompanySize.parse(Text.clean(value)).orElse(null);
        if (range == null) {
            return null;
        }
        if (range.exact() || range.open()) {
            return employees(range.exact() ? range.min() : range.from(), range.open(), field);
        }
        long low = range.min();
        long high = range.max();
        if (low > 0 && high > low && high <= MAX_EMPLOYEES) {
            return new Employees(new Fact(format(low) + " to " + format(high) + " people", field), CompanySize.band((low + high) / 2));
        }
        return null;
    }

    private static Employees employees(long n, boolean atLeast, Set<String> field) {
        if (n < 2 || n > MAX_EMPLOYEES) {
            return null;
        }
        var fact = new Fact((atLeast ? "over " : "about ") + format(n) + " people", field);
        return new Employees(fact, CompanySize.band(n));
    }

    private static String format(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }

    private List<Fact> technologies() {
        for (var key : List.of("technologies", "website_technologies")) {
            var value = raw(key);
            var items = new ArrayList<Object>();
            if (value instanceof Collection<?> c) {
                items.addAll(c);
            } else if (value instanceof Object[] a) {
                items.addAll(List.of(a));
            } else if (value != null) {
                items.addAll(List.of(value.toString().split("[,;]")));
            }
            var seen = new LinkedHashSet<String>();
            var out = new ArrayList<Fact>();
            for (var item : items) {
                var name = Text.clean(item);
                if (name != null && name.length() <= TECHNOLOGY_MAX && !name.matches("[\\d.]+")
                        && seen.add(name.toLowerCase(Locale.ROOT)) && out.size() < 3) {
                    out.add(Fact.of(name, key));
                }
            }
            if (!out.isEmpty()) {
                return List.copyOf(out);
            }
        }
        return List.of();
    }

    private Fact headline() {
        var found = find("news_headline");
        if (found == null) {
            return null;
        }
        var text = found.text().replace('"', '\'');
        text = text.endsWith(".") && !text.endsWith("..") ? text.substring(0, text.length() - 1) : text;
        return text.length() > HEADLINE_MAX || TextRules.words(text) < 3 ? null : new Fact(text, found.fields());
    }

    private static String productName(String name) {
        var text = Text.clean(name);
        text = text != null && text.endsWith(".") ? Text.clean(text.substring(0, text.length() - 1)) : text;
        return text == null || !text.matches("(?s).*\\p{L}.*") ? null : text;
    }

    private static List<Fact> fitReasons(List<String> reasons) {
        var out = new ArrayList<Fact>();
        for (var reason : reasons) {
            var text = Text.clean(reason);
            if (text != null && text.length() <= REASON_MAX && !NEGATIVE_REASON.matcher(text).find() && out.size() < 3) {
                text = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
                out.add(Fact.of(text, "fitReasons"));
            }
        }
        return List.copyOf(out);
    }
}
