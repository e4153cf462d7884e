package io.leadhub.personalize;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Making fact values safe to print: one line, typographic quotes and dashes made plain, no brackets that could
 * read as placeholders, nothing unbalanced, and nothing that reads as a missing value. Shortening never cuts a
 * word: a value is cut at a clause or name separator, or not used at all.
 */
final class Text {

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\uFFFD]+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+([,.!?;:])(?=\\s|$)");
    private static final Pattern EDGE_JUNK = Pattern.compile("^[\\s,;:\\-|/&*~_=]+|[\\s,;:\\-|/&*~_=]+$");
    private static final Set<String> MISSING = Set.of("none", "n/a", "na", "nan", "nil", "null", "undefined", "unknown",
            "not available", "not specified", "unspecified", "other", "tbd", "test", "-", "?");
    private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{N}]");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'])");
    private static final List<String> NAME_SEPARATORS = List.of(" | ", " - ", ": ", " / ", ", ", " (", " by ", " at ", " @ ");
    private static final Pattern CLAUSE_END = Pattern.compile(",\\s|;\\s|:\\s|\\s-\\s|\\s\\(");

    private Text() {
    }

    /**
     * The value as printable text, or null when it is absent, blank, reads as missing ("n/a", "null", "unknown"),
     * has no letter or digit, or would break the text rules of {@link TextRules#textProblems}.
     */
    static String clean(Object value) {
        if (value == null || value instanceof Iterable<?> || value instanceof java.util.Map<?, ?> || value.getClass().isArray()) {
            return null;
        }
        var s = Normalizer.normalize(value.toString(), Normalizer.Form.NFC);
        s = s.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201A', '\'').replace('\u2032', '\'')
                .replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"').replace('\u00AB', '"').replace('\u00BB', '"')
                .replace('\u2013', '-').replace('\u2014', '-').replace('\u2212', '-').replace("\u2026", "...");
        s = INVISIBLE.matcher(s).replaceAll(" ");
        if (TextRules.unusable(s)) {
            return null; // "{{first_name}}", "[Company]", "null": a template's or a program's leftovers, not a value
        }
        s = s.replaceAll("[{}\\[\\]<>]", " ");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        s = SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("$1");
        if (TextRules.unbalanced(s) != null) {
            s = SPACES.matcher(s.replaceAll("[()\"]", " ")).replaceAll(" ").strip();
        }
        s = EDGE_JUNK.matcher(s).replaceAll("");
        if (s.isEmpty() || MISSING.contains(s.toLowerCase(Locale.ROOT)) || !LETTER_OR_DIGIT.matcher(s).find()
                || !TextRules.textProblems("", s).isEmpty() || TextRules.unbalanced(s) != null) {
            return null;
        }
        return s;
    }

    /** The text with its first letter upper-cased. */
    static String capitalize(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        int first = text.codePointAt(0);
        return new String(Character.toChars(Character.toUpperCase(first))) + text.substring(Character.charCount(first));
    }

    /**
     * A name at most max characters: whole, or its first part before a separator (" | ", " - ", ", ", " (" ...)
     * when that part is long enough to stand alone; null when neither fits.
     */
    static String shortName(String name, int max) {
        if (name == null || name.length() <= max) {
            return name;
        }
        for (var separator : NAME_SEPARATORS) {
            int at = name.indexOf(separator);
            if (at >= 2 && at <= max) {
                var part = clean(name.substring(0, at));
                if (part != null && part.length() >= 2 && part.length() <= max) {
                    return part;
                }
            }
        }
        return null;
    }

    /** The first sentence of a text, without its closing full stop. */
    static String firstSentence(String text) {
        if (text == null) {
            return null;
        }
        var first = SENTENCE_END.split(text, 2)[0].strip();
        first = first.endsWith(".") && !first.endsWith("..") ? first.substring(0, first.length() - 1) : first;
        return clean(first);
    }

    /**
     * The text at most max characters: whole, or cut at the end of a clause (", ", "; ", ": ", " - ", " (") so that
     * at least minWords words stay; null when no clause fits. Never cuts inside a clause.
     */
    static String clause(String text, int max, int minWords) {
        if (text == null || text.length() <= max) {
            return text;
        }
        var m = CLAUSE_END.matcher(text);
        String best = null;
        while (m.find() && m.start() <= max) {
            var part = clean(text.substring(0, m.start()));
            if (part != null && part.length() <= max && TextRules.words(part) >= minWords) {
                best = part;
            }
        }
        return best;
    }

    /** Whether the text is one short word sequence of letters (a given name): no digits, no "@". */
    static boolean looksLikeName(String text) {
        return text.matches("[\\p{L}\\p{M}][\\p{L}\\p{M}'.-]*( [\\p{L}\\p{M}][\\p{L}\\p{M}'.-]*)?") && text.replace(".", "").length() >= 2
                && !text.matches(".*\\p{L}\\..*|\\p{L}{1}\\.?");
    }

    /** A name typed all in capitals or all in small letters, in its usual case ("JANE" and "jane" both "Jane"). */
    static String nameCase(String name) {
        if (!name.equals(name.toUpperCase(Locale.ROOT)) && !name.equals(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        var out = new StringBuilder();
        boolean start = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = c == ' ' || c == '-' || c == '\'';
        }
        return out.toString();
    }
}
