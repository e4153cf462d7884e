package io.leadhub.personalize;

import static io.leadhub.personalize.ChannelSettings.EMAIL;
import static io.leadhub.personalize.ChannelSettings.LINKEDIN_CONNECTION;
import static io.leadhub.personalize.ChannelSettings.LINKEDIN_MESSAGE;
import static io.leadhub.personalize.ChannelSettings.SMS;
import static io.leadhub.personalize.OutreachLimits.EMAIL_SUBJECT_MAX_CHARS;
import static io.leadhub.personalize.OutreachLimits.LINKEDIN_CONNECTION_MAX_CHARS;

import java.util.ArrayList;
import java.util.List;

/**
 * One message's rules, by channel: the email subject (one line, at most {@value OutreachLimits#EMAIL_SUBJECT_MAX_CHARS}
 * characters) and body (emailMaxWords words), the LinkedIn lengths, the SMS segment ({@link Gsm7}) and opt-out
 * text, and the text rules ({@link TextRules}) for each part. The rules of a personalization as a whole are
 * {@link OutreachLimits}'s.
 */
final class MessageRules {

    private MessageRules() {
    }

    /**
     * The problems of one message on its own: known channel and tone, subject only for email, the channel's
     * limits, the SMS opt-out, and the text rules. Whether the channel is configured, written twice or allowed
     * for a do-not-call lead is for {@link OutreachLimits#problems} to say.
     */
    static List<String> problems(Message m, ChannelSettings s) {
        var settings = s == null ? ChannelSettings.defaults() : s;
        var problems = new ArrayList<String>();
        var where = where(m);
        if (!ChannelSettings.CHANNELS.contains(m.channel())) {
            problems.add(where + ": unknown channel \"" + m.channel() + "\" (known: " + String.join(", ", ChannelSettings.CHANNELS) + ")");
        }
        if (!ChannelSettings.TONES.contains(m.tone())) {
            problems.add(where + ": unknown tone \"" + m.tone() + "\" (known: " + String.join(", ", ChannelSettings.TONES) + ")");
        }
        var body = m.body();
        if (EMAIL.equals(m.channel())) {
            problems.addAll(subjectProblems(where, m.subject()));
        } else if (m.subject() != null && !m.subject().isEmpty()) {
            problems.add(where + ": has a subject, which only email has");
        }
        if (body == null || body.isBlank()) {
            problems.add(where + ": the body is blank");
            return problems;
        }
        problems.addAll(bodyProblems(where, m.channel(), body, settings));
        return problems;
    }

    private static List<String> subjectProblems(String where, String subject) {
        var problems = new ArrayList<String>();
        if (subject == null || subject.isBlank()) {
            problems.add(where + ": the subject is blank");
            return problems;
        }
        if (subject.length() > EMAIL_SUBJECT_MAX_CHARS) {
            problems.add(where + ": the subject has " + subject.length() + " characters, over the limit of " + EMAIL_SUBJECT_MAX_CHARS);
        }
        if (subject.contains("\n") || subject.contains("\r")) {
            problems.add(where + ": the subject spans more than one line");
        }
        problems.addAll(TextRules.textProblems(where + ": the subject", subject));
        return problems;
    }

    private static List<String> bodyProblems(String where, String channel, String body, ChannelSettings s) {
        var problems = new ArrayList<String>();
        switch (channel == null ? "" : channel) {
            case EMAIL -> {
                int words = TextRules.words(body);
                if (words > s.emailMaxWords()) {
                    problems.add(where + ": the body has " + words + " words, over the limit of " + s.emailMaxWords());
                }
            }
            case LINKEDIN_CONNECTION -> {
                if (body.length() > LINKEDIN_CONNECTION_MAX_CHARS) {
                    problems.add(where + ": the note has " + body.length() + " characters, over the limit of " + LINKEDIN_CONNECTION_MAX_CHARS);
                }
            }
            case LINKEDIN_MESSAGE -> {
                if (body.length() > s.linkedinMessageMaxChars()) {
                    problems.add(where + ": the message has " + body.length() + " characters, over the limit of " + s.linkedinMessageMaxChars());
                }
            }
            case SMS -> {
                var unicode = Gsm7.firstNonGsm7(body);
                if (unicode == null && Gsm7.septets(body) > Gsm7.GSM7_LIMIT) {
                    problems.add(where + ": " + Gsm7.septets(body) + " GSM-7 septets, over the single-segment limit of " + Gsm7.GSM7_LIMIT);
                } else if (unicode != null && body.length() > Gsm7.UNICODE_LIMIT) {
                    problems.add(where + ": needs Unicode (\"" + unicode + "\" is not GSM-7) and has " + body.length()
                            + " UTF-16 code units, over the single-segment limit of " + Gsm7.UNICODE_LIMIT);
                }
                if (s.smsOptOut() && !TextRules.normalised(body).contains(TextRules.normalised(s.smsOptOutText()))) {
                    problems.add(where + ": the opt-out text \"" + s.smsOptOutText() + "\" is missing");
                }
            }
            default -> {
                // an unknown channel is reported by the caller
            }
        }
        problems.addAll(TextRules.textProblems(where + ": the " + (SMS.equals(channel) || channel == null ? "text" : "body"), body));
        return problems;
    }

    /** "channel/tone", as every problem of a message starts. */
    static String where(Message m) {
        return m.channel() + "/" + m.tone();
    }
}
