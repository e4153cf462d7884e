package io.leadhub.facts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Company sizes as sellers and providers write them: "11-50", "51–200", "1,001-5,000", "1 000 to 5 000", "1000+",
 * "10,001+", "10k+", "5k-10k", "&lt;50", "up to 10", "over 500", "1,10" (Apollo's ranges), "120 employees", or a
 * single number; and the three bands outreach speaks to (small up to 50 people, mid-sized up to 500, large).
 */
public final class CompanySize {

    public enum Band { SMALL, MID, LARGE }

    /** The most employees a small company has. */
    public static final long SMALL_MAX = 50;
    /** The most employees a mid-sized company has. */
    public static final long MID_MAX = 500;

    /** An inclusive employee-count range; max is Long.MAX_VALUE for "n+"; text is the range as written. */
    public record Range(String text, long min, long max) {

        public boolean contains(long employees) {
            return employees >= min && employees <= max;
        }

        /** Whether it is one number ("200"). */
        public boolean exact() {
            return min == max;
        }

        /** Whether it has no upper end ("1000+", "over 500"). */
        public boolean open() {
            return max == Long.MAX_VALUE;
        }

        /** The number an open range is written with: 1000 for "1000+" and for "over 1000" alike. */
        public long from() {
            return STRICTLY_ABOVE.matcher(text.toLowerCase(Locale.ROOT)).lookingAt() ? min - 1 : min;
        }
    }

    // a number: digits, grouped by thousands with ",", ".", "'" or a space ("1,001", "1 000"), or with a k ("2.5k")
    private static final String NUMBER = "(\\d+(?:[.,' ]\\d+)*\\s*k?)";
    private static final Pattern BETWEEN = Pattern.compile(NUMBER + "\\s*(?:-|–|—|to)\\s*" + NUMBER);
    private static final Pattern APOLLO = Pattern.compile("(\\d+),(\\d{1,2}|\\d{4,})");
    private static final Pattern AT_LEAST = Pattern.compile("(>=?|over|more than|at least)?\\s*" + NUMBER
            + "\\s*(\\+|or more|and more|and above|plus)?");
    private static final Pattern BELOW = Pattern.compile("(<|<=|under|less than|up to|fewer than)\\s*" + NUMBER);
    private static final Pattern STRICTLY_ABOVE = Pattern.compile("\\s*(>(?!=)|over\\b|more than\\b)");

    private CompanySize() {
    }

    /** The range a size text stands for; empty when it is not understood. */
    public static Optional<Range> parse(String text) {
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

    /** The band of a company with this many employees. */
    public static Band band(long employees) {
        return employees <= SMALL_MAX ? Band.SMALL : employees <= MID_MAX ? Band.MID : Band.LARGE;
    }

    private static Optional<Range> range(String text, long min, long max) {
        return min < 0 || max < min ? Optional.empty() : Optional.of(new Range(text.strip(), min, max));
    }

    /** "1,001", "1.001", "1'001" and "1 001" are a thousand and one (a separator before three digits), "2.5k" 2500. */
    private static long number(String n) {
        var s = n.strip();
        long factor = 1;
        if (s.endsWith("k")) {
            factor = 1000;
            s = s.substring(0, s.length() - 1).strip();
            if (s.matches("\\d+[.,]\\d{1,2}")) {
                return Math.round(Double.parseDouble(s.replace(',', '.')) * factor);
            }
        }
        if (!s.matches("\\d{1,3}([.,' ]\\d{3})*|\\d+") || s.replaceAll("\\D", "").length() > 12) {
            return -1;
        }
        return Long.parseLong(s.replaceAll("\\D", "")) * factor;
    }
}
