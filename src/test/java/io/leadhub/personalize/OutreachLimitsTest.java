package io.leadhub.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class OutreachLimitsTest {

    private final OutreachLimits limits = new OutreachLimits();
    private final ChannelSettings defaults = ChannelSettings.defaults();

    // --- a valid personalization, and ways to change one message ---

    static Personalization valid() {
        var messages = new ArrayList<Message>();
        for (var tone : ChannelSettings.TONES) {
            messages.add(new Message("email", tone, "Routewise for Acme", "Dear Jane,\n\nRoutewise plans delivery routes in minutes."
                    + " Would a 20-minute call next week suit you?\n\nBest regards"));
            messages.add(new Message("linkedin_connection", tone, null, "Hello Jane, I am with Routewise and would welcome connecting."));
            messages.add(new Message("linkedin_message", tone, null, "Hello Jane, Routewise plans delivery routes in minutes. Would a short call suit you?"));
            messages.add(new Message("sms", tone, null, "Hello Jane, would a brief call about Routewise suit you this week? Reply STOP to opt out"));
        }
        var objections = new LinkedHashMap<String, String>();
        objections.put("price", "Would it help to work through the numbers together?");
        objections.put("timing", "When would be a better time to revisit this?");
        objections.put("incumbent", "What would you change about your current setup?");
        objections.put("trust", "I can send a short written overview so you can judge for yourself.");
        var script = new CallScript("Hi Jane, I'm calling from Routewise. Do you have two minutes?",
                List.of("How do you plan routes today?", "Who else is involved?", "What would make a change worth it?"), objections);
        var insight = new Insight(List.of("Manual route planning"), List.of("Routes planned in minutes"),
                List.of("Routewise: routes in minutes"), List.of("first_name", "product.name"));
        return new Personalization(insight, new Outreach(messages, script, List.of()), "template");
    }

    static Personalization withMessage(Personalization p, String channel, String tone, UnaryOperator<Message> change) {
        var messages = new ArrayList<Message>();
        for (var m : p.outreach().messages()) {
            messages.add(m.channel().equals(channel) && m.tone().equals(tone) ? change.apply(m) : m);
        }
        return withOutreach(p, new Outreach(messages, p.outreach().callScript(), p.outreach().skipped()));
    }

    static Personalization withOutreach(Personalization p, Outreach outreach) {
        return new Personalization(p.insight(), outreach, p.generator());
    }

    static Personalization withBody(String channel, String tone, String body) {
        return withMessage(valid(), channel, tone, m -> new Message(m.channel(), m.tone(), m.subject(), body));
    }

    static Personalization withoutSms(Personalization p, CallScript script, List<String> skipped) {
        var messages = p.outreach().messages().stream().filter(m -> !m.channel().equals("sms")).toList();
        return withOutreach(p, new Outreach(messages, script, skipped));
    }

    // --- the valid case ---

    @Test
    void aValidPersonalizationHasNoProblems() {
        assertThat(limits.problems(valid(), defaults, false)).isEmpty();
    }

    @Test
    void aValidDoNotCallPersonalizationHasNoSmsAndNoCallScript() {
        var p = withoutSms(valid(), null, List.of("sms: the phone is marked do-not-call", "call_script: the phone is marked do-not-call"));

        assertThat(limits.problems(p, defaults, true)).isEmpty();
    }

    // --- email ---

    @Test
    void anEmailSubjectOver80CharactersIsCaught() {
        var subject = "a".repeat(81);
        var p = withMessage(valid(), "email", "friendly", m -> new Message("email", "friendly", subject, m.body()));

        assertThat(limits.problems(p, defaults, false))
                .containsExactly("email/friendly: the subject has 81 characters, over the limit of 80");
        var at80 = withMessage(valid(), "email", "friendly", m -> new Message("email", "friendly", "a".repeat(80), m.body()));
        assertThat(limits.problems(at80, defaults, false)).isEmpty();
    }

    @Test
    void aBlankEmailSubjectIsCaught() {
        var blank = withMessage(valid(), "email", "direct", m -> new Message("email", "direct", "  ", m.body()));
        var missing = withMessage(valid(), "email", "direct", m -> new Message("email", "direct", null, m.body()));

        assertThat(limits.problems(blank, defaults, false)).containsExactly("email/direct: the subject is blank");
        assertThat(limits.problems(missing, defaults, false)).containsExactly("email/direct: the subject is blank");
    }

    @Test
    void aSubjectOnTwoLinesIsCaught() {
        var p = withMessage(valid(), "email", "direct", m -> new Message("email", "direct", "Routewise\nfor Acme", m.body()));

        assertThat(limits.problems(p, defaults, false)).containsExactly("email/direct: the subject spans more than one line");
    }

    @Test
    void anEmailBodyOverTheWordLimitIsCaught() {
        var over = withBody("email", "professional", "word ".repeat(151));
        var atLimit = withBody("email", "professional", "word\n".repeat(150));
        var tighter = new ChannelSettings(null, 40, 600, true, "Reply STOP to opt out");

        assertThat(limits.problems(over, defaults, false))
                .containsExactly("email/professional: the body has 151 words, over the limit of 150");
        assertThat(limits.problems(atLimit, defaults, false)).isEmpty();
        assertThat(limits.problems(withBody("email", "professional", "word ".repeat(41)), tighter, false))
                .containsExactly("email/professional: the body has 41 words, over the limit of 40");
    }

    @Test
    void aBlankEmailBodyIsCaught() {
        assertThat(limits.problems(withBody("email", "friendly", " \n "), defaults, false))
                .containsExactly("email/friendly: the body is blank");
        assertThat(limits.problems(withBody("email", "friendly", null), defaults, false))
                .containsExactly("email/friendly: the body is blank");
    }

    // --- LinkedIn ---

    @Test
    void aLinkedinConnectionNoteOver300CharactersIsCaught() {
        assertThat(limits.problems(withBody("linkedin_connection", "direct", "a".repeat(301)), defaults, false))
                .containsExactly("linkedin_connection/direct: the note has 301 characters, over the limit of 300");
        assertThat(limits.problems(withBody("linkedin_connection", "direct", "a".repeat(300)), defaults, false)).isEmpty();
    }

    @Test
    void emojiCountTwoCharactersAsLinkedinCountsThem() {
        var note = "a".repeat(298) + "🙂"; // 299 code points, 300 UTF-16 code units
        assertThat(limits.problems(withBody("linkedin_connection", "direct", note), defaults, false)).isEmpty();
        assertThat(limits.problems(withBody("linkedin_connection", "direct", note + "a"), defaults, false)).hasSize(1);
    }

    @Test
    void aLinkedinMessageOverTheConfiguredLimitIsCaught() {
        var tighter = new ChannelSettings(null, 150, 200, true, "Reply STOP to opt out");

        assertThat(limits.problems(withBody("linkedin_message", "friendly", "a".repeat(601)), defaults, false))
                .containsExactly("linkedin_message/friendly: the message has 601 characters, over the limit of 600");
        assertThat(limits.problems(withBody("linkedin_message", "friendly", "a".repeat(201)), tighter, false))
                .containsExactly("linkedin_message/friendly: the message has 201 characters, over the limit of 200");
        assertThat(limits.problems(withBody("linkedin_message", "friendly", "a".repeat(200)), tighter, false)).isEmpty();
    }

    // --- SMS ---

    @Test
    void anSmsOver160SeptetsIsCaught() {
        var optOut = " Reply STOP to opt out";
        var fits = "a".repeat(160 - optOut.length()) + optOut;

        assertThat(limits.problems(withBody("sms", "direct", fits), defaults, false)).isEmpty();
        assertThat(limits.problems(withBody("sms", "direct", "a" + fits), defaults, false))
                .containsExactly("sms/direct: 161 GSM-7 septets, over the single-segment limit of 160");
    }

    @Test
    void extensionCharactersCountTwoSeptetsInAnSms() {
        var optOut = " Reply STOP to opt out";
        var body = "€" + "a".repeat(159 - optOut.length()) + optOut; // 160 characters, 161 septets

        assertThat(body).hasSize(160);
        assertThat(limits.problems(withBody("sms", "direct", body), defaults, false))
                .containsExactly("sms/direct: 161 GSM-7 septets, over the single-segment limit of 160");
    }

    @Test
    void aUnicodeSmsOver70CodeUnitsIsCaught() {
        var optOut = " Reply STOP to opt out";
        var fits = "Cześć" + "a".repeat(70 - 5 - optOut.length()) + optOut;

        assertThat(limits.problems(withBody("sms", "friendly", fits), defaults, false)).isEmpty();
        assertThat(limits.problems(withBody("sms", "friendly", "a" + fits), defaults, false)).containsExactly(
                "sms/friendly: needs Unicode (\"ś\" is not GSM-7) and has 71 UTF-16 code units, over the single-segment limit of 70");
    }

    @Test
    void anSmsWithoutTheOptOutTextIsCaughtWhenOptOutIsOn() {
        var p = withBody("sms", "professional", "Hello Jane, would a brief call suit you this week?");
        var optOutOff = new ChannelSettings(null, 150, 600, false, null);
        var ownText = new ChannelSettings(null, 150, 600, true, "STOP=stop");

        assertThat(limits.problems(p, defaults, false))
                .containsExactly("sms/professional: the opt-out text \"Reply STOP to opt out\" is missing");
        assertThat(limits.problems(p, optOutOff, false)).isEmpty();
        assertThat(limits.problems(withBody("sms", "professional", "Hi Jane, a call?  reply stop to\nopt out"), defaults, false))
                .as("case and spacing forgiven").isEmpty();
        assertThat(limits.problems(valid(), ownText, false)).hasSize(3);
    }

    // --- do-not-call ---

    @Test
    void anSmsIsCaughtWhenThePhoneIsDoNotCall() {
        var p = withOutreach(valid(), new Outreach(valid().outreach().messages(), null, List.of("call_script: do-not-call")));

        assertThat(limits.problems(p, defaults, true)).containsExactly(
                "sms/professional: an SMS although the phone is marked do-not-call",
                "sms/friendly: an SMS although the phone is marked do-not-call",
                "sms/direct: an SMS although the phone is marked do-not-call");
    }

    @Test
    void aCallScriptIsCaughtWhenThePhoneIsDoNotCall() {
        var p = withoutSms(valid(), valid().outreach().callScript(), List.of("sms: the phone is marked do-not-call"));

        assertThat(limits.problems(p, defaults, true)).containsExactly("a call script although the phone is marked do-not-call");
    }

    // --- completeness ---

    @Test
    void aMissingChannelAndToneIsCaught() {
        var messages = valid().outreach().messages().stream()
                .filter(m -> !(m.channel().equals("linkedin_message") && m.tone().equals("direct"))).toList();
        var p = withOutreach(valid(), new Outreach(messages, valid().outreach().callScript(), List.of()));

        assertThat(limits.problems(p, defaults, false)).containsExactly("linkedin_message/direct is missing");
    }

    @Test
    void aMissingSmsIsCaughtUnlessDoNotCallOrSkippedWithAReason() {
        var noSms = withoutSms(valid(), valid().outreach().callScript(), List.of());
        var skipped = withoutSms(valid(), valid().outreach().callScript(), List.of("sms: the opt-out text leaves no room"));
        var noReason = withoutSms(valid(), valid().outreach().callScript(), List.of("sms:  "));

        assertThat(limits.problems(noSms, defaults, false))
                .containsExactly("sms/professional is missing", "sms/friendly is missing", "sms/direct is missing");
        assertThat(limits.problems(skipped, defaults, false)).isEmpty();
        assertThat(limits.problems(noReason, defaults, false)).contains("skipped entry 1 gives no reason").hasSize(4);
        assertThat(limits.problems(withoutSms(valid(), null, List.of()), defaults, true))
                .as("do-not-call without skipped entries").isEmpty();
    }

    @Test
    void onlyConfiguredChannelsAreRequiredAndAllowed() {
        var emailOnly = new ChannelSettings(List.of("email"), 150, 600, true, "Reply STOP to opt out");
        var emails = valid().outreach().messages().stream().filter(m -> m.channel().equals("email")).toList();
        var p = withOutreach(valid(), new Outreach(emails, valid().outreach().callScript(), List.of()));

        assertThat(limits.problems(p, emailOnly, false)).isEmpty();
        assertThat(limits.problems(valid(), emailOnly, false))
                .contains("sms/direct: sms is not a configured channel").hasSize(9);
    }

    @Test
    void aMessageWrittenTwiceOrWithAnUnknownToneIsCaught() {
        var messages = new ArrayList<>(valid().outreach().messages());
        messages.add(new Message("email", "professional", "Again", "Hello again, a short call?"));
        messages.add(new Message("email", "casual", "Hey", "Hey, a short call?"));
        var p = withOutreach(valid(), new Outreach(messages, valid().outreach().callScript(), List.of()));

        assertThat(limits.problems(p, defaults, false)).containsExactly(
                "email/professional: written more than once",
                "email/casual: unknown tone \"casual\" (known: professional, friendly, direct)");
    }

    @Test
    void aSubjectOutsideEmailIsCaught() {
        var p = withMessage(valid(), "linkedin_message", "professional", m -> new Message(m.channel(), m.tone(), "Hello", m.body()));

        assertThat(limits.problems(p, defaults, false)).containsExactly("linkedin_message/professional: has a subject, which only email has");
    }

    // --- text rules ---

    @Test
    void leftoverPlaceholdersAreCaught() {
        assertThat(limits.problems(withBody("email", "friendly", "Hi {{first_name}}, a short call?"), defaults, false))
                .containsExactly("email/friendly: the body has a leftover placeholder \"{{first_name}}\"");
        assertThat(limits.problems(withBody("email", "friendly", "Hi Jane }} a short call?"), defaults, false))
                .containsExactly("email/friendly: the body has a leftover placeholder \"}}\"",
                        "email/friendly: the body is unbalanced: \"}\" closes nothing");
        assertThat(limits.problems(withBody("linkedin_message", "direct", "Hi {first_name}, a call?"), defaults, false))
                .containsExactly("linkedin_message/direct: the body has a leftover placeholder \"{first_name}\"");
        assertThat(limits.problems(withBody("linkedin_connection", "direct", "Best, [Your Name]"), defaults, false))
                .containsExactly("linkedin_connection/direct: the body has a leftover placeholder \"[Your Name]\"");
        assertThat(limits.problems(withBody("sms", "direct", "Hi %s, a call? Reply STOP to opt out"), defaults, false))
                .containsExactly("sms/direct: the text has a leftover placeholder \"%s\"");
        var subject = withMessage(valid(), "email", "direct", m -> new Message("email", "direct", "Hi ${name}", m.body()));
        assertThat(limits.problems(subject, defaults, false)).containsExactly("email/direct: the subject has a leftover placeholder \"${name}\"");
    }

    @Test
    void theWordsNullAndUndefinedAreCaughtButNotInsideOtherWords() {
        assertThat(limits.problems(withBody("email", "professional", "Dear null, a short call?"), defaults, false))
                .containsExactly("email/professional: the body contains \"null\"");
        assertThat(limits.problems(withBody("linkedin_message", "friendly", "Hi Jane, how is Undefined going?"), defaults, false))
                .containsExactly("linkedin_message/friendly: the body contains \"Undefined\"");
        assertThat(limits.problems(withBody("linkedin_message", "friendly", "Your NaN% growth and [object Object]"), defaults, false))
                .containsExactly("linkedin_message/friendly: the body contains \"NaN\"",
                        "linkedin_message/friendly: the body contains \"[object Object]\"");
        assertThat(limits.problems(withBody("email", "professional", "Dear Jane, we annulled the nullable fee. Nan, a call?"), defaults, false))
                .isEmpty();
    }

    @Test
    void unbalancedTextIsCaught() {
        assertThat(limits.problems(withBody("email", "direct", "Jane, Routewise (for logistics teams. A call?"), defaults, false))
                .containsExactly("email/direct: the body is unbalanced: \"(\" is never closed");
        assertThat(limits.problems(withBody("email", "direct", "Jane, see \"Routewise for you. A call?"), defaults, false))
                .containsExactly("email/direct: the body is unbalanced: an odd number of double quotes");
        assertThat(limits.problems(withBody("email", "direct", "Jane, [see (this] now). A call?"), defaults, false))
                .containsExactly("email/direct: the body is unbalanced: \"(\" is closed by \"]\"");
        assertThat(limits.problems(withBody("email", "direct", "Jane, a call?) Thanks"), defaults, false))
                .containsExactly("email/direct: the body is unbalanced: \")\" closes nothing");
        assertThat(limits.problems(withBody("email", "direct", "Hi Jane :) two things:\n1) routes (fast)\n2) \u201Ccosts\u201D. A call?"),
                defaults, false)).as("emoticons, list markers and paired quotes are fine").isEmpty();
    }

    @Test
    void theInsightAndCallScriptFollowTheTextRulesToo() {
        var insight = new Insight(List.of("Pain of {{company}}"), List.of("Gain"), List.of("Message"), List.of());
        var p = new Personalization(insight, valid().outreach(), "template");

        assertThat(limits.problems(p, defaults, false)).containsExactly(
                "insight: key pain point 1 has a leftover placeholder \"{{company}}\"");
    }

    // --- insight ---

    @Test
    void emptyInsightListsAreCaught() {
        var insight = new Insight(List.of(), null, java.util.Arrays.asList("Routewise", " "), List.of());
        var p = new Personalization(insight, valid().outreach(), "template");

        assertThat(limits.problems(p, defaults, false)).containsExactly(
                "insight: there are no key pain points", "insight: there are no value gains", "insight: key message 2 is blank");
        assertThat(limits.problems(new Personalization(null, valid().outreach(), "template"), defaults, false))
                .containsExactly("the insight is missing");
    }

    // --- call script ---

    @Test
    void aMissingCallScriptIsCaughtUnlessDoNotCallOrSkipped() {
        var none = withOutreach(valid(), new Outreach(valid().outreach().messages(), null, List.of()));
        var skipped = withOutreach(valid(), new Outreach(valid().outreach().messages(), null, List.of("call_script: no phone number")));

        assertThat(limits.problems(none, defaults, false)).containsExactly("the call script is missing");
        assertThat(limits.problems(skipped, defaults, false)).isEmpty();
    }

    @Test
    void aCallScriptNeedsThreeToFiveQuestionsAndEveryObjection() {
        Map<String, String> objections = new LinkedHashMap<>(valid().outreach().callScript().objections());
        objections.remove("trust");
        objections.put("budget", "We have flexible plans.");
        var script = new CallScript(" ", List.of("How do you plan routes today?", "Who else is involved?"), objections);
        var p = withOutreach(valid(), new Outreach(valid().outreach().messages(), script, List.of()));
        var six = new CallScript("Hi", List.of("a?", "b?", "c?", "d?", "e?", "f?"), valid().outreach().callScript().objections());

        assertThat(limits.problems(p, defaults, false)).containsExactly(
                "call script: the opener is blank",
                "call script: 2 discovery questions, 3 to 5 are needed",
                "call script: no answer to the trust objection",
                "call script: unknown objection \"budget\" (known: price, timing, incumbent, trust)");
        assertThat(limits.problems(withOutreach(valid(), new Outreach(valid().outreach().messages(), six, List.of())), defaults, false))
                .containsExactly("call script: 6 discovery questions, 3 to 5 are needed");
    }

    @Test
    void skippedEntriesMustNameAChannel() {
        var p = withOutreach(valid(), new Outreach(valid().outreach().messages(), valid().outreach().callScript(),
                List.of("no phone", "fax: none")));

        assertThat(limits.problems(p, defaults, false)).containsExactly(
                "skipped entry 1 does not start with a channel or call_script and a colon",
                "skipped entry 2 does not start with a channel or call_script and a colon");
    }

    @Test
    void aChannelBothSkippedAndWrittenIsCaught() {
        var p = withOutreach(valid(), new Outreach(valid().outreach().messages(), valid().outreach().callScript(),
                List.of("email: no address")));

        assertThat(limits.problems(p, defaults, false)).hasSize(3)
                .allMatch(s -> s.endsWith(": present although skipped (no address)"));
    }

    @Test
    void wordsAreWhitespaceSeparated() {
        assertThat(TextRules.words("  Dear Jane,\n\nA call?  - Best ")).isEqualTo(6);
        assertThat(TextRules.words(" ")).isZero();
    }
}
