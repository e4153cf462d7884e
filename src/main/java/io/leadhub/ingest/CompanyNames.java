package io.leadhub.ingest;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** "ACME Robotics, Inc." and "Acme Robotics Inc" are one company: the matching form drops case, accents and legal suffixes. */
public final class CompanyNames {

    private static final Set<String> LEGAL_SUFFIXES = Set.of(
            "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company",
            "plc", "gmbh", "mbh", "ag", "kg", "ohg", "ug", "se", "sa", "sas", "sarl", "sl", "srl", "spa", "bv",
            "nv", "oy", "oyj", "ab", "as", "asa", "aps", "kk", "pty", "pte", "pvt", "ltda", "sac", "cv", "kft",
            "zrt", "sro", "spzoo", "doo", "ooo", "pjsc", "jsc");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private CompanyNames() {
    }

    public static String clean(String name) {
        return name == null ? null : name.strip().replaceAll("\\s+", " ");
    }

    public static String normalizeForMatching(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        var ascii = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        // join dotted abbreviations first so that "S.p.A." and "B.V." read as spa and bv
        var joined = ascii.toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("(?<=\\b\\p{Alnum})\\.(?=\\p{Alnum}\\b)", "").replace(".", " ");
        var words = Arrays.stream(NON_WORD.split(joined)).filter(w -> !w.isEmpty()).collect(Collectors.toList());
        while (words.size() > 1 && LEGAL_SUFFIXES.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        if (words.size() > 1 && words.get(words.size() - 1).equals("and")) {
            words.remove(words.size() - 1);
        }
        var result = String.join(" ", words);
        return result.isEmpty() ? null : result;
    }
}
