package io.leadhub.score.fit;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Word-level helpers shared by the industry and persona matching: normalising, splitting, forgiving matches. */
final class Words {

    private static final Set<String> STOPWORDS = Set.of("a", "an", "and", "or", "of", "the", "for", "in", "at",
            "on", "to", "with", "by");

    private Words() {
    }

    /** Lower case, accents dropped, "&" and "+" as "and", every other non-letter-or-digit a space, collapsed. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        var s = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        s = s.replace("&", " and ").replace("+", " and ");
        return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The words of a normalised text, without stopwords. */
    static List<String> tokens(String normalised) {
        var out = new ArrayList<String>();
        for (var w : normalised.split(" ")) {
            if (!w.isEmpty() && !STOPWORDS.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Whether two words are the same word in another form: equal once plurals are dropped; one a prefix of the other of at least four
     * letters (bank/banking, health/healthcare, engineer/engineering, logistic/logistics); or a common stem of
     * at least six letters (finance/financial, manufacturer/manufacturing, education/educational). Five-letter
     * stems are not enough: software/softwood, insurance/insurgent.
     */
    static boolean sameWord(String first, String second) {
        var a = singular(first);
        var b = singular(second);
        if (a.equals(b)) {
            return true;
        }
        var shorter = a.length() <= b.length() ? a : b;
        var longer = shorter == a ? b : a;
        if (shorter.length() >= 4 && longer.startsWith(shorter)) {
            return true;
        }
        int common = 0;
        while (common < shorter.length() && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        return common >= 6;
    }

    /** "banks" to "bank", "logistics" to "logistic"; "business", "gas" and short words stay. */
    static String singular(String word) {
        return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1)
                : word;
    }

    /** Whether every word of {@code words} has a {@link #sameWord} in {@code in}; false when words is empty. */
    static boolean allFound(Collection<String> words, Collection<String> in) {
        if (words.isEmpty()) {
            return false;
        }
        for (var w : words) {
            if (in.stream().noneMatch(x -> sameWord(w, x))) {
                return false;
            }
        }
        return true;
    }
}
