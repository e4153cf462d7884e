package io.leadhub.score;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles the regexes users write in scoring rules with RE2/J, whose matching time is linear in the input, so no
 * pattern can backtrack for minutes and stall the scoring of every workspace. RE2 has no backreferences or
 * lookaround; and since its cost grows with the compiled size, nested counted repetitions are bounded too.
 */
final class RuleRegexes {

    /** Roughly the compiled program's instructions; (.{0,1000}){1000} would be a million. */
    static final int MAX_SIZE = 5_000;

    private RuleRegexes() {
    }

    /** The compiled pattern; an IllegalArgumentException says why one cannot be used. */
    static Pattern compile(String text) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(reason(e));
        }
        var size = new Size(text).alternation();
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("regex is too large once its repetitions are expanded (about " + size
                    + " steps per character, the limit is " + MAX_SIZE + "): use smaller {n,m} counts or fewer nested ones");
        }
        return pattern;
    }

    private static String reason(PatternSyntaxException e) {
        var message = e.getMessage().replace("error parsing regexp: ", "");
        var pattern = e.getPattern() == null ? "" : e.getPattern();
        if (message.startsWith("invalid escape sequence") && message.matches("(?s).*`\\\\[1-9].*")) {
            return message + ": backreferences are not supported (rules use RE2, a linear-time engine)";
        }
        if (message.contains("`(?=") || message.contains("`(?!") || pattern.contains("(?<=") || pattern.contains("(?<!")) {
            return message + ": lookaround ((?=, (?!, (?<=, (?<!) is not supported (rules use RE2, a linear-time engine)";
        }
        return message;
    }

    /** An estimate of the compiled size: atoms count one, {m,n} multiplies by n, alternatives add up. */
    private static final class Size {
        private final String text;
        private int at;

        Size(String text) {
            this.text = text;
        }

        long alternation() {
            long total = sequence();
            while (at < text.length() && text.charAt(at) == '|') {
                at++;
                total += sequence();
            }
            return total;
        }

        private long sequence() {
            long total = 0;
            while (at < text.length() && text.charAt(at) != '|' && text.charAt(at) != ')') {
                total = Math.min(Long.MAX_VALUE / 4, total + repeated(atom()));
            }
            return total;
        }

        private long atom() {
            var c = text.charAt(at++);
            if (c == '(') {
                long inner = alternation();
                at++; // the closing parenthesis (RE2/J checked the pattern)
                return Math.max(1, inner);
            }
            if (c == '[') {
                at = Math.max(at, text.indexOf(']', at + 1) + 1);
                return 1;
            }
            if (c == '\\' && at < text.length()) {
                var next = text.charAt(at++);
                if ((next == 'p' || next == 'P' || next == 'x') && at < text.length() && text.charAt(at) == '{') {
                    at = text.indexOf('}', at) + 1;
                }
            }
            return 1;
        }

        private long repeated(long size) {
            var close = at < text.length() && text.charAt(at) == '{' ? text.indexOf('}', at) : -1;
            var counts = close < 0 ? null : text.substring(at + 1, close).split(",", -1);
            if (counts != null && counts.length <= 2 && counts[0].strip().matches("\\d{1,4}")
                    && (counts.length == 1 || counts[1].strip().matches("\\d{0,4}"))) {
                at = close + 1;
                var open = counts.length > 1 && counts[1].isBlank();
                var most = Long.parseLong((counts.length > 1 && !open ? counts[1] : counts[0]).strip()) + (open ? 1 : 0);
                size = Math.min(Long.MAX_VALUE / 4, size * Math.max(1, most));
            } else if (at < text.length() && "*+?".indexOf(text.charAt(at)) >= 0) {
                at++;
                size *= 2;
            }
            if (at < text.length() && text.charAt(at) == '?') {
                at++; // lazy
            }
            return size;
        }
    }
}
