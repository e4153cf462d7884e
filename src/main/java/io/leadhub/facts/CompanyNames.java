package io.leadhub.facts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Company names: "ACME Robotics, Inc." and "Acme Robotics Inc" are one company. The matching form drops case,
 * accents and legal forms; the display form drops only the legal form ("Acme Logistics GmbH" is "Acme Logistics"
 * to people).
 */
public final class CompanyNames {

    /**
     * Legal forms, lower case without dots, spaces or slashes: "S.p.A." is spa, "Sp. z o.o." spzoo, "A/S" as. A form
     * written in short words ("Sp. z o.o.", "A/S", "S. A.") is recognised across them (see {@link #suffixWords}).
     */
    public static final Set<String> LEGAL_SUFFIXES = Set.of(
            "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company",
            "plc", "gmbh", "mbh", "ag", "kg", "ohg", "ug", "se", "sa", "sas", "sarl", "sl", "srl", "spa", "bv",
            "nv", "oy", "oyj", "ab", "as", "asa", "aps", "kk", "pty", "pte", "pvt", "ltda", "sac", "cv", "kft",
            "zrt", "sro", "spzoo", "doo", "ooo", "pjsc", "jsc");
    /** Legal forms that are also plain words: kept in the display form of a name that starts with "The" ("The Boring Company"). */
    private static final Set<String> SPELLED_OUT = Set.of("company", "corporation", "incorporated", "limited");
    /** A legal form in several words has words of at most this many letters ("sp z oo"). */
    private static final int SHORT_WORD = 3;

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DISPLAY_WORD = Pattern.compile("[^\\s,]+");
    private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[\\s,]+$");
    private static final Pattern TRAILING_JOINER = Pattern.compile("(?i)[\\s,]+(?:&|and)$");

    private CompanyNames() {
    }

    /** The name stripped, its runs of whitespace made one space; null stays null. */
    public static String clean(String name) {
        return name == null ? null : name.strip().replaceAll("\\s+", " ");
    }

    /** The matching form: lower case, accents and punctuation dropped, "&" as "and", without trailing legal forms. */
    public static String normalizeForMatching(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        var ascii = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        // join dotted abbreviations first so that "S.p.A." and "B.V." read as spa and bv
        var joined = ascii.toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("(?<=\\b\\p{Alnum})\\.(?=\\p{Alnum}\\b)", "").replace(".", " ");
        var words = Arrays.stream(NON_WORD.split(joined)).filter(w -> !w.isEmpty()).collect(Collectors.toList());
        for (int n; words.size() > 1 && (n = suffixWords(words)) > 0; ) {
            words.subList(words.size() - n, words.size()).clear();
            if (words.size() > 1 && words.get(words.size() - 1).equals("and")) {
                words.remove(words.size() - 1); // "Acme GmbH & Co. KG": then the GmbH too
            }
        }
        if (words.size() > 1 && words.get(words.size() - 1).equals("and")) {
            words.remove(words.size() - 1);
        }
        var result = String.join(" ", words);
        return result.isEmpty() ? null : result;
    }

    /**
     * The name as written without its last legal form and the separators and a joiner ("&amp;", "and") before it:
     * "Acme, Inc." is "Acme", "Smith &amp; Co." "Smith", "Zakład Sp. z o.o." "Zakład"; the name itself when it ends
     * in none, or when nothing would be left. One form at a time: "Acme Co., Ltd." first gives "Acme Co.".
     */
    public static String withoutLegalSuffix(String name) {
        if (name == null) {
            return null;
        }
        var starts = new ArrayList<Integer>();
        var forms = new ArrayList<String>();
        var m = DISPLAY_WORD.matcher(name);
        while (m.find()) {
            starts.add(m.start());
            forms.add(MARKS.matcher(Normalizer.normalize(m.group(), Normalizer.Form.NFD)).replaceAll("")
                    .toLowerCase(Locale.ROOT).replace(".", "").replace("/", ""));
        }
        int n = forms.size() > 1 ? suffixWords(forms) : 0;
        if (n == 0) {
            return name;
        }
        var form = String.join("", forms.subList(forms.size() - n, forms.size()));
        var rest = TRAILING_SEPARATORS.matcher(name.substring(0, starts.get(forms.size() - n))).replaceAll("");
        if (SPELLED_OUT.contains(form) && rest.regionMatches(true, 0, "the ", 0, 4)) {
            return name;
        }
        rest = TRAILING_JOINER.matcher(rest).replaceAll("");
        return rest.isBlank() ? name : rest;
    }

    /**
     * How many of the last words (in the matching form) are a legal form: one ("gmbh"), or up to three short ones
     * that together are one ("sp", "z", "oo"); 0 when they are none. The first word never counts.
     */
    static int suffixWords(List<String> words) {
        for (int n = Math.min(3, words.size() - 1); n >= 1; n--) {
            var tail = words.subList(words.size() - n, words.size());
            if (n > 1 && tail.stream().anyMatch(w -> w.isEmpty() || w.length() > SHORT_WORD)) {
                continue;
            }
            if (LEGAL_SUFFIXES.contains(String.join("", tail))) {
                return n;
            }
        }
        return 0;
    }
}
