package io.leadhub.facts;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How senior a person is, from the seniority a provider gives ("vp", "c_suite") or from a job title ("VP Sales",
 * "Chief Technology Officer"). Ranks are the words titles use (vp, chief, head, director, manager, founder, owner,
 * president, partner, lead); levels group them in four: executive, leader, manager, individual contributor.
 */
public final class Seniority {

    public enum Level { EXECUTIVE, LEADER, MANAGER, INDIVIDUAL }

    /** Rank words, once abbreviations are spelled out, to the rank they name. */
    public static final Map<String, String> RANKS = Map.ofEntries(
            Map.entry("vp", "vp"), Map.entry("chief", "chief"), Map.entry("head", "head"), Map.entry("heads", "head"),
            Map.entry("director", "director"), Map.entry("directors", "director"), Map.entry("manager", "manager"),
            Map.entry("managers", "manager"), Map.entry("founder", "founder"), Map.entry("founders", "founder"),
            Map.entry("owner", "owner"), Map.entry("owners", "owner"), Map.entry("president", "president"),
            Map.entry("partner", "partner"), Map.entry("partners", "partner"), Map.entry("lead", "lead"));

    /** Abbreviations of ranks. */
    public static final Map<String, String> RANK_ABBREVIATIONS = Map.of("svp", "vp", "evp", "vp", "avp", "vp", "mgr", "manager",
            "dir", "director", "cofounder", "founder");

    /**
     * Chief officers' abbreviations, to the function the officer leads ("cto": technology); "ceo" stays ceo (only a
     * chief executive is one), and cco and cxo name no function.
     */
    public static final Map<String, String> CHIEF_OFFICERS = Map.ofEntries(
            Map.entry("ceo", "ceo"), Map.entry("cto", "technology"), Map.entry("cfo", "finance"), Map.entry("coo", "operations"),
            Map.entry("cmo", "marketing"), Map.entry("cio", "information"), Map.entry("ciso", "information security"),
            Map.entry("cso", "security"), Map.entry("cro", "revenue"), Map.entry("cpo", "product"), Map.entry("cdo", "data"),
            Map.entry("chro", "human resources"), Map.entry("cco", ""), Map.entry("cxo", ""));

    /** Words before "owner" that make it a role, not a rank: a product owner owns no company. */
    public static final Set<String> NOT_AN_OWNER = Set.of("product", "process");

    /** The seniority values providers give (Apollo's, and common synonyms), lower case, "_" and "-" as spaces. */
    private static final Map<String, Level> PROVIDER_VALUES = Map.ofEntries(
            Map.entry("owner", Level.EXECUTIVE), Map.entry("founder", Level.EXECUTIVE), Map.entry("c suite", Level.EXECUTIVE),
            Map.entry("csuite", Level.EXECUTIVE), Map.entry("c level", Level.EXECUTIVE), Map.entry("partner", Level.EXECUTIVE),
            Map.entry("executive", Level.EXECUTIVE), Map.entry("president", Level.EXECUTIVE), Map.entry("chief", Level.EXECUTIVE),
            Map.entry("vp", Level.LEADER), Map.entry("vice president", Level.LEADER), Map.entry("head", Level.LEADER),
            Map.entry("director", Level.LEADER), Map.entry("manager", Level.MANAGER), Map.entry("lead", Level.MANAGER),
            Map.entry("team lead", Level.MANAGER), Map.entry("senior", Level.INDIVIDUAL), Map.entry("entry", Level.INDIVIDUAL),
            Map.entry("intern", Level.INDIVIDUAL), Map.entry("junior", Level.INDIVIDUAL),
            Map.entry("individual contributor", Level.INDIVIDUAL), Map.entry("training", Level.INDIVIDUAL));

    private static final Pattern VICE_PRESIDENT = Pattern.compile("\\bvice\\s+president\\b");
    private static final Pattern CHIEF_EXECUTIVE = Pattern.compile("\\bchief\\s+executive(\\s+officer)?\\b");
    private static final Pattern C_LEVEL = Pattern.compile("\\bc[\\s-]*(suite|level)\\b");
    private static final Pattern CO_FOUNDER = Pattern.compile("\\bco-founder\\b");

    // a title's level: the first of these that matches, in this order ("Vice President" is a leader, "President" an executive)
    private static final Pattern EXECUTIVE_TITLE = Pattern.compile("(?i)\\b(chief|" + String.join("|", new TreeSet<>(CHIEF_OFFICERS.keySet()))
            + "|founder|co-founder|cofounder|" + notAfter(NOT_AN_OWNER) + "owner|managing director|general manager|managing partner)\\b");
    private static final Pattern VP_TITLE = Pattern.compile("(?i)\\b(vice president|vp|svp|evp|avp)\\b");
    private static final Pattern PRESIDENT_TITLE = Pattern.compile("(?i)\\bpresident\\b");
    private static final Pattern LEADER_TITLE = Pattern.compile("(?i)\\b(head|director|dir)\\b");
    private static final Pattern MANAGER_TITLE = Pattern.compile("(?i)\\b(manager|mgr|supervisor|team lead)\\b");

    private Seniority() {
    }

    /** The level a provider's seniority value names ("vp", "c_suite", "Individual-Contributor"); empty when none. */
    public static Optional<Level> ofSeniority(String value) {
        if (value == null) {
            return Optional.empty();
        }
        var s = value.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        return Optional.ofNullable(PROVIDER_VALUES.get(s));
    }

    /** The level a job title says ("VP Sales": leader, "CTO at Acme": executive, "Product Owner": none); empty when none. */
    public static Optional<Level> ofTitle(String title) {
        if (title == null) {
            return Optional.empty();
        }
        if (EXECUTIVE_TITLE.matcher(title).find()) {
            return Optional.of(Level.EXECUTIVE);
        } else if (VP_TITLE.matcher(title).find()) {
            return Optional.of(Level.LEADER);
        } else if (PRESIDENT_TITLE.matcher(title).find()) {
            return Optional.of(Level.EXECUTIVE);
        } else if (LEADER_TITLE.matcher(title).find()) {
            return Optional.of(Level.LEADER);
        } else if (MANAGER_TITLE.matcher(title).find()) {
            return Optional.of(Level.MANAGER);
        }
        return Optional.empty();
    }

    /**
     * The text, lower case, with the ranks written in several words made one: "vice president" vp, "chief
     * executive officer" ceo, "C-suite" and "c-level" chief, "co-founder" founder.
     */
    public static String spelledOut(String text) {
        var lower = text.toLowerCase(Locale.ROOT).replace('_', ' ');
        lower = VICE_PRESIDENT.matcher(lower).replaceAll(" vp ");
        lower = CHIEF_EXECUTIVE.matcher(lower).replaceAll(" ceo ");
        lower = C_LEVEL.matcher(lower).replaceAll(" chief ");
        return CO_FOUNDER.matcher(lower).replaceAll(" founder ");
    }

    /** The rank a word names, given the word before it (for "product owner"); null when it names none. */
    public static String rank(String word, String previous) {
        if (word.equals("owner") && previous != null && NOT_AN_OWNER.contains(previous)) {
            return null;
        }
        return RANKS.get(word);
    }

    private static String notAfter(Set<String> words) {
        var out = new StringBuilder();
        for (var w : new TreeSet<>(words)) {
            out.append("(?<!").append(w).append(" )");
        }
        return out.toString();
    }
}
