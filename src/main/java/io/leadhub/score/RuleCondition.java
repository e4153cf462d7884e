package io.leadhub.score;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.re2j.Pattern;

/**
 * What a rule asks of a field's value. {@link #match} answers with the value that made it hold (for the
 * breakdown), or empty. A list value (technologies, departments) holds when any element does.
 */
public sealed interface RuleCondition {

    Optional<String> match(Object value);

    /** The condition as written, for the breakdown. */
    String describe();

    record Exists(boolean present) implements RuleCondition {
        @Override
        public Optional<String> match(Object value) {
            boolean there = !isEmpty(value);
            return there == present ? Optional.of(there ? text(value) : "(absent)") : Optional.empty();
        }

        @Override
        public String describe() {
            return present ? "exists" : "is absent";
        }
    }

    record Equals(Object expected) implements RuleCondition {
        @Override
        public Optional<String> match(Object value) {
            return anyElement(value, v -> same(v, expected));
        }

        @Override
        public String describe() {
            return "equals " + expected;
        }
    }

    record In(List<Object> options) implements RuleCondition {
        @Override
        public Optional<String> match(Object value) {
            return anyElement(value, v -> options.stream().anyMatch(o -> same(v, o)));
        }

        @Override
        public String describe() {
            return "in " + options;
        }
    }

    record Range(Double min, Double max) implements RuleCondition {
        @Override
        public Optional<String> match(Object value) {
            return anyElement(value, v -> {
                var number = number(v);
                return number != null && (min == null || number >= min) && (max == null || number <= max);
            });
        }

        @Override
        public String describe() {
            return "between " + (min == null ? "-inf" : min) + " and " + (max == null ? "inf" : max);
        }
    }

    /** An RE2/J pattern: matching time linear in the value, whatever the user wrote. */
    record Regex(Pattern pattern) implements RuleCondition {
        @Override
        public Optional<String> match(Object value) {
            return anyElement(value, v -> pattern.matcher(text(v)).find());
        }

        @Override
        public String describe() {
            return "matches /" + pattern.pattern() + "/";
        }
    }

    record Contains(String part) implements RuleCondition {
        @Override
        public Optional<String> match(Object value) {
            var needle = part.toLowerCase(Locale.ROOT);
            return anyElement(value, v -> text(v).toLowerCase(Locale.ROOT).contains(needle));
        }

        @Override
        public String describe() {
            return "contains '" + part + "'";
        }
    }

    private static Optional<String> anyElement(Object value, java.util.function.Predicate<Object> test) {
        if (value instanceof Collection<?> list) {
            return list.stream().filter(v -> v != null && test.test(v)).findFirst().map(RuleCondition::text);
        }
        return value != null && test.test(value) ? Optional.of(text(value)) : Optional.empty();
    }

    private static boolean isEmpty(Object value) {
        return value == null || (value instanceof CharSequence s && s.toString().isBlank())
                || (value instanceof Collection<?> c && c.isEmpty());
    }

    /** Numbers compare as numbers ("240" equals 240), booleans as booleans, text without regard to case. */
    private static boolean same(Object value, Object expected) {
        var a = number(value);
        var b = number(expected);
        if (a != null && b != null) {
            return a.doubleValue() == b.doubleValue();
        }
        return text(value).strip().equalsIgnoreCase(text(expected).strip());
    }

    static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.strip().replace(",", "")).doubleValue();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }
}
