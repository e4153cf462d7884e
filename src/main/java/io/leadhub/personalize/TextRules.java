package io.leadhub.personalize;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a text unusable wherever it is (a message, an insight item, a call script line), and word counts:
 * the text rules of {@link OutreachLimits}, also used to keep fact values from breaking them ({@link Text}).
 */
public final class TextRules {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Leftover placeholders, whole forms first: a match overlapping an earlier one is not reported again. */
    private static final List<Pattern> PLACEHOLDERS = List.of(
            Pattern.compile("\\{\\{[^{}\\n]{0,60}\\}\\}"),
            Pattern.compile("\\$\\{[^{}\\n]{0,60}\\}"),
            Pattern.compile("\\{\\{|\\}\\}|\\$\\{"),
            Pattern.compile("\\{\\s*[A-Za-z_][\\w .-]{0,40}\\}"),
            Pattern.compile("\\[[^\\[\\]\\n]{0,40}\\b(?i:name|company|title|your|insert|first|last|product|date|time|link"
                    + "|phone|email|sender|calendar|here|placeholder|x{2,})\\b[^\\[\\]\\n]{0,40}\\]"),
            Pattern.compile("<<|>>"),
            Pattern.compile("%(\\d+\\$)?[sd]\\b"));
    private static final Pattern BAD_WORDS = Pattern.compile("(?i:\\b(null|undefined)\\b)|\\bNaN\\b|\\[object Object\\]");
    private static final Pattern EMOTICONS = Pattern.compile("[:;=][-'^]?[()]");
    private static final Pattern LIST_MARKERS = Pattern.compile("(?m)^\\s*(?:\\d{1,2}|[a-zA-Z])\\)");

    private TextRules() {
    }

    /**
     * What makes a text unusable wherever it is: leftover placeholders, the words "null"/"undefined" (and
     * "NaN", "[object Object]"), a replacement character, unbalanced brackets or double quotes. where starts each
     * sentence ("email/direct: the body").
     */
    public static List<String> textProblems(String where, String text) {
        var problems = new ArrayList<String>();
        if (text == null) {
            return problems;
        }
        for (var placeholder : placeholders(text)) {
            problems.add(where + " has a leftover placeholder \"" + placeholder + "\"");
        }
        for (var word : missingWords(text)) {
            problems.add(where + " contains \"" + word + "\"");
        }
        if (text.indexOf('\uFFFD') >= 0) {
            problems.add(where + " contains a replacement character (broken encoding)");
        }
        var unbalanced = unbalanced(text);
        if (unbalanced != null) {
            problems.add(where + " is unbalanced: " + unbalanced);
        }
        return problems;
    }

    /** Whether the text holds a placeholder, a word for a missing value, or a replacement character: not a value to print. */
    static boolean unusable(String text) {
        return !placeholders(text).isEmpty() || !missingWords(text).isEmpty() || text.indexOf('\uFFFD') >= 0;
    }

    private static Set<String> placeholders(String text) {
        var placeholders = new LinkedHashSet<String>();
        var reported = new boolean[text.length()];
        for (var pattern : PLACEHOLDERS) {
            var m = pattern.matcher(text);
            while (m.find()) {
                boolean overlaps = false;
                for (int i = m.start(); i < m.end(); i++) {
                    overlaps |= reported[i];
                    reported[i] = true;
                }
                if (!overlaps) {
                    placeholders.add(m.group());
                }
            }
        }
        return placeholders;
    }

    private static Set<String> missingWords(String text) {
        var bad = BAD_WORDS.matcher(text);
        var words = new LinkedHashSet<String>();
        while (bad.find()) {
            words.add(bad.group());
        }
        return words;
    }

    /** What is unbalanced in the text (brackets, double quotes), or null when nothing is. */
    static String unbalanced(String text) {
        var t = LIST_MARKERS.matcher(EMOTICONS.matcher(text).replaceAll(" ")).replaceAll(" ");
        var open = new ArrayDeque<Character>();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '(', '[', '{' -> open.push(c);
                case ')', ']', '}' -> {
                    char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (open.isEmpty()) {
                        return "\"" + c + "\" closes nothing";
                    }
                    char opened = open.pop();
                    if (opened != expected) {
                        return "\"" + opened + "\" is closed by \"" + c + "\"";
                    }
                }
                default -> {
                }
            }
        }
        if (!open.isEmpty()) {
            return "\"" + open.peek() + "\" is never closed";
        }
        if (count(t, "\"") % 2 != 0) {
            return "an odd number of double quotes";
        }
        if (count(t, "\u201C\u201D\u201E") % 2 != 0) {
            return "an odd number of curly double quotes";
        }
        if (count(t, "\u00AB") != count(t, "\u00BB")) {
            return "unmatched guillemets";
        }
        return null;
    }

    private static int count(String text, String chars) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** The number of whitespace-separated words. */
    public static int words(String text) {
        var t = text == null ? "" : text.strip();
        return t.isEmpty() ? 0 : WHITESPACE.split(t).length;
    }

    /** Lower case, whitespace runs made one space, stripped: to compare texts as people read them. */
    static String normalised(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

}
