package io.leadhub.score.fit;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Company-size ranges as sellers and providers write them: "11-50", "51–200", "1,001-5,000", "1000+",
 * "10,001+", "10k+", "5k-10k", "<50", "up to 10", "1,10" (Apollo's ranges), or a single number.
 */
final class CompanySizes {

    /** An inclusive employee-count range; max is Long.MAX_VALUE for "n+". */
    record Range(String text, long min, long max) {

        boolean contains(long employees) {
            return employees >= min && employees <= max;
        }
    }

    private static final String NUMBER = "(\\d+(?:[.,]\\d+)*\\s*k?)";
    private static final Pattern BETWEEN = Pattern.compile(NUMBER + "\\s*(?:-|–|—|to)\\s*" + NUMBER);
    private static final Pattern APOLLO = Pattern.compile("(\\d+),(\\d{1,2}|\\d{4,})");
    private static final Pattern AT_LEAST = Pattern.compile("(>=?|over|more than|at least)?\\s*" + NUMBER
            + "\\s*(\\+|or more|and more|and above|plus)?");
    private static final Pattern BELOW = Pattern.compile("(<|<=|under|less than|up to|fewer than)\\s*" + NUMBER);

    private CompanySizes() {
    }

    /** The range a product's size entry stands for; empty when it is not understood. */
    static Optional<Range> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var t = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s*(employees|people|staff|fte)$", "");
        var m = APOLLO.matcher(t);
        if (m.matches()) {
            return range(text, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        m = BETWEEN.matcher(t);
        if (m.matches()) {
            return range(text, number(m.group(1)), number(m.group(2)));
        }
        m = BELOW.matcher(t);
        if (m.matches()) {
            long n = number(m.group(2));
            boolean exclusive = m.group(1).equals("<") || m.group(1).startsWith("less") || m.group(1).startsWith("fewer")
                    || m.group(1).equals("under");
            return range(text, 1, exclusive ? n - 1 : n);
        }
        m = AT_LEAST.matcher(t);
        if (m.matches()) {
            long n = number(m.group(2));
            var before = m.group(1);
            if (n < 0) {
                return Optional.empty();
            }
            if (before == null && m.group(3) == null) {
                return range(text, n, n); // "200": exactly
            }
            boolean strict = ">".equals(before) || "over".equals(before) || "more than".equals(before);
            return range(text, strict ? n + 1 : n, Long.MAX_VALUE);
        }
        return Optional.empty();
    }

    private static Optional<Range> range(String text, long min, long max) {
        return min < 0 || max < min ? Optional.empty() : Optional.of(new Range(text.strip(), min, max));
    }

    /** "1,001" and "1.001" are a thousand and one (a separator before three digits), "2.5k" 2500. */
    private static long number(String n) {
        var s = n.replace(" ", "");
        long factor = 1;
        if (s.endsWith("k")) {
            factor = 1000;
            s = s.substring(0, s.length() - 1);
            if (s.matches("\\d+[.,]\\d{1,2}")) {
                return Math.round(Double.parseDouble(s.replace(',', '.')) * factor);
            }
        }
        if (!s.matches("\\d{1,3}([.,]\\d{3})*|\\d+")) {
            return -1;
        }
        return Long.parseLong(s.replaceAll("[.,]", "")) * factor;
    }
}
