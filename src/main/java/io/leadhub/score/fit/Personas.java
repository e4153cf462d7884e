package io.leadhub.score.fit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadhub.facts.Seniority;

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
 * providers give ("vp", "c_suite", "director", "founder") counts as a level; a product or process owner owns no
 * company, so "owner" there is no level. Ranks and their abbreviations are {@link Seniority}'s. Words such as leaders, executives,
 * decision makers, senior, team say nothing exact and are ignored. Word forms are forgiven
 * (operations/operational, engineer/engineering).
 */
final class Personas {

    /** Words that name no level and no function. */
    private static final Set<String> FILLER = Set.of("leader", "leaders", "leadership", "executive", "executives",
            "decision", "makers", "maker", "senior", "sr", "junior", "jr", "principal", "staff", "team", "teams",
            "officer", "officers", "co", "level", "people", "person", "persons", "buyer", "buyers", "key", "general",
            "global", "regional", "department", "dept", "c", "i", "ii", "iii", "iv", "entry", "intern");

    /** Abbreviations of functions (those of ranks and chief officers are {@link Seniority}'s). */
    private static final Map<String, String> FUNCTION_ABBREVIATIONS = Map.ofEntries(
            Map.entry("ops", "operations"), Map.entry("eng", "engineering"), Map.entry("engg", "engineering"),
            Map.entry("hr", "human resources"), Map.entry("it", "information technology"), Map.entry("mktg", "marketing"),
            Map.entry("biz", "business"), Map.entry("dev", "development"), Map.entry("fin", "finance"));

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
        var lower = Seniority.spelledOut(text);
        for (var part : ALTERNATIVES.split(lower)) {
            var words = new ArrayList<String>();
            String previous = null;
            for (var w : Words.tokens(Words.normalise(part))) {
                for (var x : expand(w).split(" ")) {
                    var level = Seniority.rank(x, previous);
                    if (level != null) {
                        levels.add(level);
                    } else if (!FILLER.contains(x)) {
                        words.add(x);
                    }
                    previous = x;
                }
            }
            if (!words.isEmpty()) {
                functions.add(List.copyOf(words));
            }
        }
        return new Role(levels, functions);
    }

    /** A word with its abbreviation spelled out: CTO is chief technology, SVP is vp, Ops is operations. */
    private static String expand(String word) {
        var function = Seniority.CHIEF_OFFICERS.get(word);
        if (function != null) {
            return ("chief " + function).strip();
        }
        return Seniority.RANK_ABBREVIATIONS.getOrDefault(word, FUNCTION_ABBREVIATIONS.getOrDefault(word, word));
    }

    private static String join(String title, String seniority) {
        return (title == null ? "" : title) + " , " + (seniority == null ? "" : seniority);
    }
}
