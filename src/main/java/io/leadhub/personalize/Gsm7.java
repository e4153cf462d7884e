package io.leadhub.personalize;

/**
 * The GSM 03.38 (3GPP TS 23.038) 7-bit default alphabet and single-segment SMS sizes. A text is GSM-7 when every
 * character is in the basic table (one septet each) or the extension table ({@code \f ^ { } \ [ ~ ] | €}, two
 * septets each: escape plus the character). Any other character (an emoji, "ł", a curly quote) makes the whole SMS
 * Unicode (UCS-2/UTF-16), counted in UTF-16 code units. The hub sends single-segment SMS only: at most
 * {@value #GSM7_LIMIT} septets, or {@value #UNICODE_LIMIT} code units when Unicode is needed.
 */
public final class Gsm7 {

    public static final int GSM7_LIMIT = 160;
    public static final int UNICODE_LIMIT = 70;

    /** The basic table in code order, without the escape (0x1B), which is no character of its own. */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u00C6\u00E6ßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: form feed, ^ { } \ [ ~ ] | and the euro sign. */
    static final String EXTENSION = "\f^{}\\[~]|€";

    private Gsm7() {
    }

    /** Whether every character of the text is in the GSM-7 basic or extension table. */
    public static boolean isGsm7(CharSequence text) {
        return firstNonGsm7(text) == null;
    }

    /** The first character (as a string, a whole code point) that GSM-7 cannot carry, or null when there is none. */
    public static String firstNonGsm7(CharSequence text) {
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (cp > 0xFFFF || (BASIC.indexOf(cp) < 0 && EXTENSION.indexOf(cp) < 0)) {
                return new String(Character.toChars(cp));
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** The text's length in septets: one per basic character, two per extension character. */
    public static int septets(CharSequence text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                throw new IllegalArgumentException("not GSM-7 at index " + i);
            }
        }
        return septets;
    }

    /** The length as the SMS counts it: septets for GSM-7 text, UTF-16 code units otherwise. */
    public static int length(CharSequence text) {
        return isGsm7(text) ? septets(text) : text.length();
    }

    /** The single-segment limit that applies to the text: {@value #GSM7_LIMIT} or {@value #UNICODE_LIMIT}. */
    public static int limit(CharSequence text) {
        return isGsm7(text) ? GSM7_LIMIT : UNICODE_LIMIT;
    }

    /** Whether the text fits one SMS segment. */
    public static boolean fits(CharSequence text) {
        return length(text) <= limit(text);
    }
}
