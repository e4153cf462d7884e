package io.leadhub.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never reach a log in clear, wherever it sits in a line: emails (any script: jörg@müller.de,
 * 用户@例子.中国), phone numbers in national and international formats (+33 6 12 34 56 78, +44 (0)20 7946 0958,
 * 0049-30-1234567, (415) 555-2671, +1.415.555.2671) and API keys or tokens (sk-..., pat-..., Bearer ...,
 * X-API-Key: ..., api_key=... in URLs). Timestamps, UUIDs, IP addresses, versions and plain numbers stay readable.
 *
 * <p>Every pattern is precompiled and runs in time linear in the line: runs are possessive and may only start
 * where the previous character cannot continue them, so a long line of digits or letters is read once.
 */
public final class PiiMasker {

    private static final String LOCAL = "[\\p{L}\\p{M}\\p{N}._%+\\-]";
    private static final String LABEL = "[\\p{L}\\p{M}\\p{N}\\-]++";
    private static final Pattern EMAIL = Pattern.compile(
            "(?<!" + LOCAL + ")(" + LOCAL + ")" + LOCAL + "*+@(" + LABEL + "(?:\\." + LABEL + ")++)");

    /** A run of digits, spaces, dots, dashes and parentheses that starts a number (the candidate is judged in code). */
    private static final Pattern PHONE_CANDIDATE = Pattern.compile("(?<![\\p{L}\\p{N}_.\\-+:/#])(?:\\+|\\(\\+?+)?+\\d[\\d().\\- ]*+");
    private static final Pattern DATE = Pattern.compile("(?:19|20)\\d{2}[.\\-](?:0?[1-9]|1[0-2])[.\\-](?:0?[1-9]|[12]\\d|3[01])(?!\\d)"
            + "|(?:0?[1-9]|[12]\\d|3[01])[.\\-](?:0?[1-9]|1[0-2])[.\\-](?:19|20)\\d{2}(?!\\d)");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

    private static final Pattern VENDOR_TOKEN = Pattern.compile("(?<![\\w\\-])(sk|pat)-[\\w\\-]{8,}+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s++[\\w\\-.~+/]++=*+");
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)\\b((?:x-)?api[_-]?key|hapikey|access[_-]?token|refresh[_-]?token"
            + "|client[_-]?secret|password|passwd|authorization)([\"']?+\\s*+[:=]\\s*+[\"']?+)(?:(?:bearer|basic|token)\\s++)?+[^\\s\"'&,;}\\]]++");
    private static final Pattern URL_SECRET = Pattern.compile("(?i)([?&;](?:token|key|secret|sig|signature|code)=)[^&\\s\"'#]++");

    private PiiMasker() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        var masked = text;
        if (masked.indexOf('@') >= 0) {
            masked = EMAIL.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@" + m.group(2)));
        }
        masked = maskSecrets(masked);
        return maskPhones(masked);
    }

    private static String maskSecrets(String text) {
        var masked = text;
        if (masked.indexOf('-') >= 0) {
            masked = VENDOR_TOKEN.matcher(masked).replaceAll("$1-***");
        }
        if (masked.indexOf('=') >= 0 || masked.indexOf(':') >= 0) {
            masked = KEY_VALUE.matcher(masked).replaceAll("$1$2***");
            masked = URL_SECRET.matcher(masked).replaceAll("$1***");
        }
        return BEARER.matcher(masked).replaceAll("$1 ***");
    }

    private static String maskPhones(String text) {
        var matcher = PHONE_CANDIDATE.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        var out = new StringBuilder(text.length());
        int copied = 0;
        do {
            int end = trimmedEnd(text, matcher.start(), matcher.end());
            if (isPhone(text, matcher.start(), end)) {
                out.append(text, copied, matcher.start());
                out.append(text.charAt(matcher.start())).append("******").append(text, end - 2, end);
                copied = end;
            }
        } while (matcher.find());
        return out.append(text, copied, text.length()).toString();
    }

    /** The run without trailing separators (a phone ends in a digit, or in ")" never). */
    private static int trimmedEnd(String text, int start, int end) {
        while (end > start && !Character.isDigit(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isPhone(String text, int start, int end) {
        if (end < text.length()) {
            char next = text.charAt(end);
            if (Character.isLetterOrDigit(next) || next == '_') {
                return false; // part of a word: a UUID or hex id, 2026-12-03T11:35, 3ms
            }
        }
        int digits = 0;
        int groups = 1;
        boolean inSeparator = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
                if (inSeparator) {
                    groups++;
                    inSeparator = false;
                }
            } else if (digits > 0) {
                inSeparator = true;
            }
        }
        if (digits < 7 || digits > 15) {
            return false;
        }
        char first = text.charAt(start);
        if (first == '+' || first == '(') {
            return true;
        }
        var core = text.substring(start, end);
        // a bare number (took 1234567 ms) or two groups (12.34567) is no phone; neither a date nor an address is
        return groups >= 3 && !DATE.matcher(core).lookingAt() && !IPV4.matcher(core).matches();
    }
}
