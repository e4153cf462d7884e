package io.leadhub.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text as PostgreSQL can store it and a person can read it: no NUL (text and jsonb refuse {@code \u0000}), no
 * other control characters, no lone surrogate halves. Free text keeps tab, line feed and carriage return;
 * single-line values (keys, emails, phones, references) keep none.
 */
public final class IngestText {

    private IngestText() {
    }

    /** Free text: control characters other than \t \n \r and unpaired surrogates removed. */
    public static String clean(String value) {
        return strip(value, true);
    }

    /** A one-line value: every control character removed. */
    public static String cleanLine(String value) {
        return strip(value, false);
    }

    /** Attribute values as the JSON mappers give them (maps, lists, strings, numbers): keys and strings cleaned. */
    public static Object cleanDeep(Object value) {
        if (value instanceof String s) {
            return clean(s);
        }
        if (value instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> out.put(cleanLine(String.valueOf(k)), cleanDeep(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            var out = new ArrayList<Object>(list.size());
            list.forEach(v -> out.add(cleanDeep(v)));
            return out;
        }
        return value;
    }

    private static String strip(String value, boolean keepLineBreaks) {
        if (value == null) {
            return null;
        }
        int n = value.length();
        int i = 0;
        while (i < n && !removed(value, i, keepLineBreaks)) {
            i++;
        }
        if (i == n) {
            return value; // the common case: nothing to remove, no copy
        }
        var sb = new StringBuilder(n);
        sb.append(value, 0, i);
        for (; i < n; i++) {
            if (!removed(value, i, keepLineBreaks)) {
                sb.append(value.charAt(i));
            }
        }
        return sb.toString();
    }

    private static boolean removed(String s, int i, boolean keepLineBreaks) {
        char c = s.charAt(i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return !(keepLineBreaks && (c == '\t' || c == '\n' || c == '\r'));
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
