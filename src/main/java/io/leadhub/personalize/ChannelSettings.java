package io.leadhub.personalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which channels to write for and their limits. channels: any of {@link #CHANNELS} (null means all four; names are
 * trimmed and lower-cased, repeats dropped); emailMaxWords: the most words in an email body (at least
 * {@value #MIN_EMAIL_WORDS}); linkedinMessageMaxChars: the most characters in a LinkedIn message ({@value
 * #MIN_LINKEDIN_MESSAGE_CHARS} to {@value #MAX_LINKEDIN_MESSAGE_CHARS}, LinkedIn's own ceiling); smsOptOut: whether
 * every SMS must carry smsOptOutText (required then). Unusable settings are refused with an
 * IllegalArgumentException: a writer could not honour them.
 */
public record ChannelSettings(List<String> channels, int emailMaxWords, int linkedinMessageMaxChars,
                              boolean smsOptOut, String smsOptOutText) {

    public static final String EMAIL = "email";
    public static final String LINKEDIN_CONNECTION = "linkedin_connection";
    public static final String LINKEDIN_MESSAGE = "linkedin_message";
    public static final String SMS = "sms";
    public static final List<String> CHANNELS = List.of(EMAIL, LINKEDIN_CONNECTION, LINKEDIN_MESSAGE, SMS);

    public static final String PROFESSIONAL = "professional";
    public static final String FRIENDLY = "friendly";
    public static final String DIRECT = "direct";
    public static final List<String> TONES = List.of(PROFESSIONAL, FRIENDLY, DIRECT);

    public static final int MIN_EMAIL_WORDS = 20;
    public static final int MIN_LINKEDIN_MESSAGE_CHARS = 100;
    public static final int MAX_LINKEDIN_MESSAGE_CHARS = 8000;

    public ChannelSettings {
        if (channels == null) {
            channels = CHANNELS;
        } else {
            var names = new ArrayList<String>();
            for (var c : channels) {
                var name = c == null ? "" : c.strip().toLowerCase(Locale.ROOT);
                if (!CHANNELS.contains(name)) {
                    throw new IllegalArgumentException("unknown channel \"" + c + "\"; known: " + String.join(", ", CHANNELS));
                }
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
            channels = List.copyOf(names);
        }
        if (emailMaxWords < MIN_EMAIL_WORDS) {
            throw new IllegalArgumentException("emailMaxWords must be at least " + MIN_EMAIL_WORDS + ", not " + emailMaxWords);
        }
        if (linkedinMessageMaxChars < MIN_LINKEDIN_MESSAGE_CHARS || linkedinMessageMaxChars > MAX_LINKEDIN_MESSAGE_CHARS) {
            throw new IllegalArgumentException("linkedinMessageMaxChars must be " + MIN_LINKEDIN_MESSAGE_CHARS + " to "
                    + MAX_LINKEDIN_MESSAGE_CHARS + ", not " + linkedinMessageMaxChars);
        }
        smsOptOutText = smsOptOutText == null || smsOptOutText.isBlank() ? null : smsOptOutText.strip();
        if (smsOptOut && smsOptOutText == null) {
            throw new IllegalArgumentException("smsOptOut is on but smsOptOutText is blank");
        }
    }

    /** All four channels, emails up to 150 words, LinkedIn messages up to 600 characters, SMS opt-out "Reply STOP to opt out". */
    public static ChannelSettings defaults() {
        return new ChannelSettings(CHANNELS, 150, 600, true, "Reply STOP to opt out");
    }
}
