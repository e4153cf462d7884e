package io.leadhub.personalize;

import static io.leadhub.personalize.ChannelSettings.EMAIL;
import static io.leadhub.personalize.ChannelSettings.LINKEDIN_CONNECTION;
import static io.leadhub.personalize.ChannelSettings.LINKEDIN_MESSAGE;
import static io.leadhub.personalize.ChannelSettings.SMS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.leadhub.personalize.Draft.Piece;

/**
 * The fallback writer: a personalization from templates, for when no LLM is configured or it fails, so that a lead
 * is never left without one. Deterministic (the same facts give the same text), it prints only what is known
 * (cleaned and shortened at word boundaries, or left out: never "null", "Hi ,", or an empty company), adapts to
 * the industry, size, technologies, funding, news, title or seniority and fit reasons, and writes three tones:
 * professional (formal, concise), friendly (warm, by first name) and direct (short, one ask). The words are in
 * {@link OutreachTemplates} (one file per channel and tone, plus the call script and the insight). Every message
 * fits {@link OutreachLimits}: each is shrunk part by part ({@link Draft}) until it does, down to a plain version
 * that needs no facts. An SMS carries the opt-out text when required; with doNotCall there is no SMS and no call
 * script, and outreach.skipped says why. groundedOn lists exactly the fact fields the texts used.
 */
@Component
public class TemplateWriter {

    public static final String GENERATOR = "template";
    public static final String DO_NOT_CALL = "the phone is marked do-not-call";
    public static final String SMS_NO_ROOM = "the opt-out text leaves no room for a message in one SMS segment";

    private static final PersonalizationFacts NO_FACTS = new PersonalizationFacts(null, null, null, null, 0, null, false);
    /** The specific discovery questions asked at most, before the general ones. */
    private static final int SPECIFIC_QUESTIONS = 3;

    private final OutreachLimits limits = new OutreachLimits();
    private final OutreachTemplates templates;

    /** With the shipped templates. */
    public TemplateWriter() {
        this(OutreachTemplates.shipped());
    }

    @Autowired
    public TemplateWriter(OutreachTemplates templates) {
        this.templates = templates;
    }

    /** The insight and outreach for the facts, within the settings' limits. Null facts or settings: none known, defaults. */
    public Personalization write(PersonalizationFacts facts, ChannelSettings settings) {
        var known = facts == null ? NO_FACTS : facts;
        var values = TemplateValues.of(new FactSheet(known));
        var s = settings == null ? ChannelSettings.defaults() : settings;
        var used = new LinkedHashSet<String>();

        var insight = templates.insight().with(values);
        var painPoints = take(used, insight.items("pain_points"), insight.first("pain_points_fallback"));
        var gains = take(used, insight.items("value_gains"), insight.first("value_gains_fallback"));
        var keyMessages = take(used, insight.items("key_messages"), null);

        var messages = new ArrayList<Message>();
        var skipped = new ArrayList<String>();
        for (var channel : s.channels()) {
            if (SMS.equals(channel) && known.doNotCall()) {
                skipped.add(SMS + ": " + DO_NOT_CALL);
                continue;
            }
            var written = new ArrayList<Message>();
            var fields = new LinkedHashSet<String>();
            for (var tone : ChannelSettings.TONES) {
                message(channel, tone, templates.message(channel, tone).with(values), s, fields).ifPresent(written::add);
            }
            if (written.size() == ChannelSettings.TONES.size()) {
                messages.addAll(written);
                used.addAll(fields);
            } else {
                // only an SMS whose opt-out text is too long for one segment gets here
                skipped.add(channel + ": " + (SMS.equals(channel) ? SMS_NO_ROOM : "no text fits its limits"));
            }
        }
        CallScript script = null;
        if (known.doNotCall()) {
            skipped.add(OutreachLimits.CALL_SCRIPT + ": " + DO_NOT_CALL);
        } else {
            script = callScript(templates.callScript().with(values), used);
        }
        return new Personalization(new Insight(painPoints, gains, keyMessages, List.copyOf(used)),
                new Outreach(messages, script, skipped), GENERATOR);
    }

    // --- messages ---

    private Optional<Message> message(String channel, String tone, OutreachTemplate.Scope t, ChannelSettings s, Set<String> used) {
        return switch (channel) {
            case EMAIL -> {
                var subject = t.draft("subject").fit("", x -> limits.messageProblems(new Message(EMAIL, tone, x, "Hello"), s).isEmpty());
                var body = t.draft("body").fit("\n\n", x -> limits.messageProblems(new Message(EMAIL, tone, "Hello", x), s).isEmpty());
                if (subject.isEmpty() || body.isEmpty()) {
                    yield Optional.empty();
                }
                used.addAll(subject.get().fields());
                used.addAll(body.get().fields());
                yield Optional.of(new Message(EMAIL, tone, subject.get().text(), body.get().text()));
            }
            case LINKEDIN_CONNECTION -> body(channel, tone, t.draft("body"), " ", s, used);
            case LINKEDIN_MESSAGE -> body(channel, tone, t.draft("body"), "\n\n", s, used);
            case SMS -> {
                var draft = t.draft("body");
                if (s.smsOptOut()) {
                    draft.required(0, 0, Piece.of(s.smsOptOutText()));
                }
                yield body(channel, tone, draft, " ", s, used);
            }
            default -> Optional.empty();
        };
    }

    private Optional<Message> body(String channel, String tone, Draft draft, String separator, ChannelSettings s, Set<String> used) {
        var body = draft.fit(separator, t -> limits.messageProblems(new Message(channel, tone, null, t), s).isEmpty());
        body.ifPresent(b -> used.addAll(b.fields()));
        return body.map(b -> new Message(channel, tone, null, b.text()));
    }

    // --- call script ---

    private static CallScript callScript(OutreachTemplate.Scope t, Set<String> used) {
        var opener = t.draft("opener").fit(" ", x -> TextRules.textProblems("", x).isEmpty()).orElseThrow();
        used.addAll(opener.fields());

        var specific = t.items("questions_about_them").stream().filter(Objects::nonNull).limit(SPECIFIC_QUESTIONS);
        var general = t.items("questions").stream().filter(Objects::nonNull);
        var questions = new ArrayList<String>();
        for (var q : Stream.concat(specific, general).limit(OutreachLimits.MAX_DISCOVERY_QUESTIONS).toList()) {
            questions.add(q.text());
            used.addAll(q.fields());
        }

        var objections = new LinkedHashMap<String, String>();
        for (var objection : OutreachLimits.OBJECTIONS) {
            objections.put(objection, take(used, t.alternatives("objection_" + objection).toArray(Piece[]::new)));
        }
        return new CallScript(opener.text(), questions, objections);
    }

    // --- helpers ---

    /** The first usable alternative's text; its fields count as used. */
    private static String take(Set<String> used, Piece... alternatives) {
        var piece = Stream.of(alternatives).filter(Objects::nonNull)
                .filter(a -> TextRules.textProblems("", a.text()).isEmpty()).findFirst().orElseThrow();
        used.addAll(piece.fields());
        return piece.text();
    }

    /** The texts of the usable items, or the fallback's alone when none is usable; their fields count as used. */
    private static List<String> take(Set<String> used, List<Piece> items, Piece fallback) {
        var out = new ArrayList<String>();
        for (var item : items) {
            if (item != null && TextRules.textProblems("", item.text()).isEmpty()) {
                out.add(item.text());
                used.addAll(item.fields());
            }
        }
        if (out.isEmpty() && fallback != null) {
            out.add(take(used, fallback));
        }
        return out;
    }
}
