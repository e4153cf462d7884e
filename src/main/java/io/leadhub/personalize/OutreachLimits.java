package io.leadhub.personalize;

import static io.leadhub.personalize.ChannelSettings.SMS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>This class checks the personalization as a whole; one message's channel rules are {@link MessageRules}', the
 * rules for any text {@link TextRules}'.
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

    /**
     * The problems of one message on its own: known channel and tone, subject only for email, the channel's
     * limits, the SMS opt-out, and the text rules ({@link MessageRules}). Whether the channel is configured,
     * written twice or allowed for a do-not-call lead is for {@link #problems} to say.
     */
    public List<String> messageProblems(Message m, ChannelSettings s) {
        return MessageRules.problems(m, s);
    }

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
            var where = MessageRules.where(m);
            problems.addAll(MessageRules.problems(m, settings));
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
                problems.addAll(TextRules.textProblems(label, item));
            }
        }
    }

    private static void callScriptProblems(CallScript script, List<String> problems) {
        if (script.opener() == null || script.opener().isBlank()) {
            problems.add("call script: the opener is blank");
        } else {
            problems.addAll(TextRules.textProblems("call script: the opener", script.opener()));
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
                problems.addAll(TextRules.textProblems("call script: the answer to the " + key + " objection", answer));
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

    /** Whether the set of problems is empty: a convenience for callers that only need yes or no. */
    public boolean acceptable(Personalization p, ChannelSettings s, boolean doNotCall) {
        return problems(p, s, doNotCall).isEmpty();
    }
}
