package io.leadhub.score.fit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a lead's title and seniority fit a product's persona ("VP Operations", "Head of Logistics", "CTO",
 * "operations leaders", "Founder").
 *
 * <p>A persona has a level (VP, chief, head, director, manager, founder, owner, president, partner, lead) and/or
 * a function (operations, logistics, sales...). The lead fits when it has the persona's level, if the persona
 * names one, and the function, if it names one. Functions joined by "and", "&amp;", "/" or "," are alternatives
 * ("VP Operations &amp; Logistics" fits a VP Logistics); words of one function all count ("Supply Chain").
 * Abbreviations are understood both ways: VP / SVP / EVP = vice president, CTO = chief technology officer (so
 * "CTO" fits "Chief Technology Officer", a CTO fits "C-level", and only a chief executive fits "CEO"), Ops, Eng, Mgr, Dir, HR, IT; the seniority
 * providers give ("vp", "c_suite", "director", "founder") counts as a level. Words such as leaders, executives,
 * decision makers, senior, team say nothing exact and are ignored. Word forms are forgiven
 * (operations/operational, engineer/engineering).
 */
final class Personas {

    /** Level words, after abbreviations are expanded, to the level they stand for. */
    private static final Map<String, String> LEVELS = Map.ofEntries(
            Map.entry("vp", "vp"), Map.entry("chief", "chief"), Map.entry("head", "head"),
            Map.entry("director", "director"), Map.entry("directors", "director"), Map.entry("manager", "manager"),
            Map.entry("managers", "manager"), Map.entry("founder", "founder"), Map.entry("founders", "founder"),
            Map.entry("owner", "owner"), Map.entry("owners", "owner"), Map.entry("president", "president"),
            Map.entry("partner", "partner"), Map.entry("partners", "partner"), Map.entry("lead", "lead"),
            Map.entry("heads", "head"));

    /** Words that name no level and no function. */
    private static final Set<String> FILLER = Set.of("leader", "leaders", "leadership", "executive", "executives",
            "decision", "makers", "maker", "senior", "sr", "junior", "jr", "principal", "staff", "team", "teams",
            "officer", "officers", "co", "level", "people", "person", "persons", "buyer", "buyers", "key", "general",
            "global", "regional", "department", "dept", "c", "i", "ii", "iii", "iv", "entry", "intern");

    /** Chief-officer abbreviations: chief plus the function. */
    private static final Map<String, String> CHIEFS = Map.ofEntries(
            Map.entry("ceo", "chief ceo"), Map.entry("cto", "chief technology"), Map.entry("cfo", "chief finance"),
            Map.entry("coo", "chief operations"), Map.entry("cmo", "chief marketing"),
            Map.entry("cio", "chief information"), Map.entry("ciso", "chief information security"),
            Map.entry("cso", "chief security"), Map.entry("cro", "chief revenue"), Map.entry("cpo", "chief product"),
            Map.entry("cdo", "chief data"), Map.entry("chro", "chief human resources"), Map.entry("cco", "chief"),
            Map.entry("cxo", "chief"));

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("svp", "vp"), Map.entry("evp", "vp"), Map.entry("avp", "vp"), Map.entry("ops", "operations"),
            Map.entry("eng", "engineering"), Map.entry("engg", "engineering"), Map.entry("mgr", "manager"),
            Map.entry("dir", "director"), Map.entry("hr", "human resources"), Map.entry("it", "information technology"),
            Map.entry("mktg", "marketing"), Map.entry("biz", "business"), Map.entry("dev", "development"),
            Map.entry("cofounder", "founder"), Map.entry("fin", "finance"));

    private static final Pattern VICE_PRESIDENT = Pattern.compile("\\bvice\\s+president\\b");
    private static final Pattern CHIEF_EXECUTIVE = Pattern.compile("\\bchief\\s+executive(\\s+officer)?\\b");
    private static final Pattern C_LEVEL = Pattern.compile("\\bc[\\s-]*(suite|level)\\b");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\s*(?:&|/|,|;|\\band\\b|\\bor\\b|\\+)\\s*");

    /** A persona or a lead's role: its levels and its functions (each a list of words that must all be there). */
    record Role(Set<String> levels, List<List<String>> functions) {

        Set<String> functionWords() {
            var all = new LinkedHashSet<String>();
            functions.forEach(all::addAll);
            return all;
        }
    }

    private Personas() {
    }

    /** Whether a lead with this title and seniority (either may be null) fits the persona. */
    static boolean fits(String persona, String title, String seniority) {
        var p = role(persona);
        if (p.levels().isEmpty() && p.functions().isEmpty()) {
            return false;
        }
        var lead = role(join(title, seniority));
        if (!p.levels().isEmpty() && p.levels().stream().noneMatch(lead.levels()::contains)) {
            return false;
        }
        if (p.functions().isEmpty()) {
            return true;
        }
        var leadWords = lead.functionWords();
        return p.functions().stream().anyMatch(f -> Words.allFound(f, leadWords));
    }

    static Role role(String text) {
        var levels = new LinkedHashSet<String>();
        var functions = new ArrayList<List<String>>();
        if (text == null || text.isBlank()) {
            return new Role(levels, functions);
        }
        var lower = text.toLowerCase(Locale.ROOT).replace('_', ' ');
        lower = VICE_PRESIDENT.matcher(lower).replaceAll(" vp ");
        lower = CHIEF_EXECUTIVE.matcher(lower).replaceAll(" ceo ");
        lower = C_LEVEL.matcher(lower).replaceAll(" chief ");
        lower = lower.replaceAll("\\bco-founder\\b", " founder ");
        for (var part : ALTERNATIVES.split(lower)) {
            var words = new ArrayList<String>();
            for (var w : Words.tokens(Words.normalise(part))) {
                var expanded = CHIEFS.getOrDefault(w, ABBREVIATIONS.getOrDefault(w, w));
                for (var x : expanded.split(" ")) {
                    var level = LEVELS.get(x);
                    if (level != null) {
                        levels.add(level);
                    } else if (!FILLER.contains(x)) {
                        words.add(x);
                    }
                }
            }
            if (!words.isEmpty()) {
                functions.add(List.copyOf(words));
            }
        }
        return new Role(levels, functions);
    }

    private static String join(String title, String seniority) {
        return (title == null ? "" : title) + " , " + (seniority == null ? "" : seniority);
    }
}
