package io.leadhub.personalize;

import static io.leadhub.personalize.ChannelSettings.EMAIL;
import static io.leadhub.personalize.ChannelSettings.LINKEDIN_CONNECTION;
import static io.leadhub.personalize.ChannelSettings.LINKEDIN_MESSAGE;
import static io.leadhub.personalize.ChannelSettings.SMS;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Checks a personalization, whoever wrote it (the template writer or an LLM), against the channel limits and
 * what makes a text unusable. Every violation is one human sentence naming where it is ("email/friendly: ...").
 *
 * <p>Rules: an email has a subject of at most {@value #EMAIL_SUBJECT_MAX_CHARS} characters on one line and a body
 * of at most emailMaxWords words (whitespace-separated), neither blank; a LinkedIn connection note has at most
 * {@value #LINKEDIN_CONNECTION_MAX_CHARS} characters, a LinkedIn message at most linkedinMessageMaxChars; an SMS
 * fits one segment ({@link Gsm7}) and carries the opt-out text when required (case and spacing forgiven); only
 * email has a subject; channel and tone are known, the channel configured, each channel × tone written once; a
 * configured channel × tone is missing only when outreach.skipped gives that channel a reason ("sms: ..."), or for
 * SMS when the phone is do-not-call. Characters are UTF-16 code units, as LinkedIn's own counter counts them (an
 * emoji counts two). With doNotCall there is no SMS and no call script; otherwise the call script is there (unless
 * skipped as "call_script: ...") with an opener, {@value #MIN_DISCOVERY_QUESTIONS} to {@value
 * #MAX_DISCOVERY_QUESTIONS} discovery questions and an answer to each objection of {@link #OBJECTIONS}. The insight
 * has key pain points, value gains and key messages. No text (message, insight item, call script line) is blank
 * or holds a leftover placeholder ("{{", "}}", "{first_name}", "${", "[Your Name]", "%s"), the words "null" or
 * "undefined", "NaN", "[object Object]", a replacement character, or unbalanced brackets or double quotes
 * (emoticons such as ":)" and list markers such as "1)" are forgiven).
 */
@Component
public class OutreachLimits {

    public static final int EMAIL_SUBJECT_MAX_CHARS = 80;
    public static final int LINKEDIN_CONNECTION_MAX_CHARS = 300;
    public static final int MIN_DISCOVERY_QUESTIONS = 3;
    public static final int MAX_DISCOVERY_QUESTIONS = 5;
    public static final List<String> OBJECTIONS = List.of("price", "timing", "incumbent", "trust");
    /** The name under which a skipped call script is listed in outreach.skipped. */
    public static final String CALL_SCRIPT = "call_script";

    private static final Pattern SKIPPED = Pattern.compile("^\\s*([a-z_]+)\\s*:\\s*(.*)$", Pattern.DOTALL);
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

    /** Every violation in the personalization for these settings; empty when it may be used as it is. */
    public List<String> problems(Personalization p, ChannelSettings s, boolean doNotCall) {
        var problems = new ArrayList<String>();
        if (p == null) {
            problems.add("there is no personalization");
            return problems;
        }
        var settings = s == null ? ChannelSettings.defaults() : s;
        insightProblems(p.insight(), problems);
        var outreach = p.outreach();
        if (outreach == null) {
            problems.add("the outreach is missing");
            return problems;
        }
        var skipped = skipped(outreach.skipped(), problems);
        var written = new HashSet<String>();
        for (int i = 0; i < outreach.messages().size(); i++) {
            var m = outreach.messages().get(i);
            if (m == null) {
                problems.add("message " + (i + 1) + " is null");
                continue;
            }
            var where = where(m);
            problems.addAll(messageProblems(m, settings));
            if (ChannelSettings.CHANNELS.contains(m.channel()) && !settings.channels().contains(m.channel())) {
                problems.add(where + ": " + m.channel() + " is not a configured channel");
            }
            if (!written.add(m.channel() + "/" + m.tone())) {
                problems.add(where + ": written more than once");
            }
            if (SMS.equals(m.channel()) && doNotCall) {
                problems.add(where + ": an SMS although the phone is marked do-not-call");
            }
            if (skipped.containsKey(m.channel())) {
                problems.add(where + ": present although skipped (" + skipped.get(m.channel()) + ")");
            }
        }
        for (var channel : settings.channels()) {
            if (skipped.containsKey(channel) || (SMS.equals(channel) && doNotCall)) {
                continue;
            }
            for (var tone : ChannelSettings.TONES) {
                if (!written.contains(channel + "/" + tone)) {
                    problems.add(channel + "/" + tone + " is missing");
                }
            }
        }
        var script = outreach.callScript();
        if (script != null && doNotCall) {
            problems.add("a call script although the phone is marked do-not-call");
        } else if (script == null && !doNotCall && !skipped.containsKey(CALL_SCRIPT)) {
            problems.add("the call script is missing");
        }
        if (script != null) {
            callScriptProblems(script, problems);
        }
        return problems;
    }

    /**
     * The problems of one message on its own: known channel and tone, subject only for email, the channel's
     * limits, the SMS opt-out, and the text rules. Whether the channel is configured, written twice or allowed
     * for a do-not-call lead is for {@link #problems} to say.
     */
    public List<String> messageProblems(Message m, ChannelSettings s) {
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
        problems.addAll(textProblems(where + ": the subject", subject));
        return problems;
    }

    private static List<String> bodyProblems(String where, String channel, String body, ChannelSettings s) {
        var problems = new ArrayList<String>();
        switch (channel == null ? "" : channel) {
            case EMAIL -> {
                int words = words(body);
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
                if (s.smsOptOut() && !normalised(body).contains(normalised(s.smsOptOutText()))) {
                    problems.add(where + ": the opt-out text \"" + s.smsOptOutText() + "\" is missing");
                }
            }
            default -> {
                // an unknown channel is reported by the caller
            }
        }
        problems.addAll(textProblems(where + ": the " + (SMS.equals(channel) || channel == null ? "text" : "body"), body));
        return problems;
    }

    private static void insightProblems(Insight insight, List<String> problems) {
        if (insight == null) {
            problems.add("the insight is missing");
            return;
        }
        items("insight", "key pain point", insight.keyPainPoints(), problems);
        items("insight", "value gain", insight.valueGains(), problems);
        items("insight", "key message", insight.keyMessages(), problems);
    }

    private static void items(String where, String what, List<String> items, List<String> problems) {
        if (items.isEmpty()) {
            problems.add(where + ": there are no " + what + "s");
        }
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            var label = where + ": " + what + " " + (i + 1);
            if (item == null || item.isBlank()) {
                problems.add(label + " is blank");
            } else {
                problems.addAll(textProblems(label, item));
            }
        }
    }

    private static void callScriptProblems(CallScript script, List<String> problems) {
        if (script.opener() == null || script.opener().isBlank()) {
            problems.add("call script: the opener is blank");
        } else {
            problems.addAll(textProblems("call script: the opener", script.opener()));
        }
        int questions = script.discoveryQuestions().size();
        if (questions < MIN_DISCOVERY_QUESTIONS || questions > MAX_DISCOVERY_QUESTIONS) {
            problems.add("call script: " + questions + " discovery questions, " + MIN_DISCOVERY_QUESTIONS + " to "
                    + MAX_DISCOVERY_QUESTIONS + " are needed");
        }
        if (questions > 0) {
            items("call script", "discovery question", script.discoveryQuestions(), problems);
        }
        var objections = script.objections();
        for (var key : OBJECTIONS) {
            var answer = objections.get(key);
            if (answer == null || answer.isBlank()) {
                problems.add("call script: no answer to the " + key + " objection");
            } else {
                problems.addAll(textProblems("call script: the answer to the " + key + " objection", answer));
            }
        }
        for (var key : objections.keySet()) {
            if (!OBJECTIONS.contains(key)) {
                problems.add("call script: unknown objection \"" + key + "\" (known: " + String.join(", ", OBJECTIONS) + ")");
            }
        }
    }

    /** The channels (or {@value #CALL_SCRIPT}) that outreach.skipped gives a reason for, with the reason. */
    private static Map<String, String> skipped(List<String> entries, List<String> problems) {
        var skipped = new LinkedHashMap<String, String>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            var matcher = entry == null ? null : SKIPPED.matcher(entry);
            var label = "skipped entry " + (i + 1);
            if (matcher == null || !matcher.matches()
                    || !(ChannelSettings.CHANNELS.contains(matcher.group(1)) || CALL_SCRIPT.equals(matcher.group(1)))) {
                problems.add(label + " does not start with a channel or " + CALL_SCRIPT + " and a colon");
            } else if (matcher.group(2).isBlank()) {
                problems.add(label + " gives no reason");
            } else {
                skipped.putIfAbsent(matcher.group(1), matcher.group(2).strip());
            }
        }
        return skipped;
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

    private static String normalised(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private static String where(Message m) {
        return m.channel() + "/" + m.tone();
    }

    /** Whether the set of problems is empty: a convenience for callers that only need yes or no. */
    public boolean acceptable(Personalization p, ChannelSettings s, boolean doNotCall) {
        return problems(p, s, doNotCall).isEmpty();
    }
}
