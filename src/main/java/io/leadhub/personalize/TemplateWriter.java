package io.leadhub.personalize;

import static io.leadhub.personalize.ChannelSettings.DIRECT;
import static io.leadhub.personalize.ChannelSettings.EMAIL;
import static io.leadhub.personalize.ChannelSettings.FRIENDLY;
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

import org.springframework.stereotype.Component;

import io.leadhub.personalize.Draft.Piece;

/**
 * The fallback writer: a personalization from templates, for when no LLM is configured or it fails, so that a lead
 * is never left without one. Deterministic (the same facts give the same text), it prints only what is known
 * (cleaned and shortened at word boundaries, or left out: never "null", "Hi ,", or an empty company), adapts to
 * the industry, size, technologies, funding, news, title or seniority and fit reasons, and writes three tones:
 * professional (formal, concise), friendly (warm, by first name) and direct (short, one ask). Every message fits
 * {@link OutreachLimits}: each is shrunk part by part ({@link Draft}) until it does, down to a plain version that
 * needs no facts. An SMS carries the opt-out text when required; with doNotCall there is no SMS and no call script,
 * and outreach.skipped says why. groundedOn lists exactly the fact fields the texts used.
 */
@Component
public class TemplateWriter {

    public static final String GENERATOR = "template";
    public static final String DO_NOT_CALL = "the phone is marked do-not-call";
    public static final String SMS_NO_ROOM = "the opt-out text leaves no room for a message in one SMS segment";

    private static final PersonalizationFacts NO_FACTS = new PersonalizationFacts(null, null, null, null, 0, null, false);

    private final OutreachLimits limits = new OutreachLimits();

    /** The insight and outreach for the facts, within the settings' limits. Null facts or settings: none known, defaults. */
    public Personalization write(PersonalizationFacts facts, ChannelSettings settings) {
        var known = facts == null ? NO_FACTS : facts;
        var f = new FactSheet(known);
        var s = settings == null ? ChannelSettings.defaults() : settings;
        var used = new LinkedHashSet<String>();

        var painPoints = painPoints(f, used);
        var gains = valueGains(f, used);
        var keyMessages = keyMessages(f, used);

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
                message(channel, tone, f, s, fields).ifPresent(written::add);
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
            script = callScript(f, used);
        }
        var insight = new Insight(painPoints, gains, keyMessages, List.copyOf(used));
        return new Personalization(insight, new Outreach(messages, script, skipped), GENERATOR);
    }

    // --- messages ---

    private Optional<Message> message(String channel, String tone, FactSheet f, ChannelSettings s, Set<String> used) {
        return switch (channel) {
            case EMAIL -> {
                var subject = subject(tone, f).fit("", t -> limits.messageProblems(new Message(EMAIL, tone, t, "Hello"), s).isEmpty());
                var body = email(tone, f).fit("\n\n", t -> limits.messageProblems(new Message(EMAIL, tone, "Hello", t), s).isEmpty());
                if (subject.isEmpty() || body.isEmpty()) {
                    yield Optional.empty();
                }
                used.addAll(subject.get().fields());
                used.addAll(body.get().fields());
                yield Optional.of(new Message(EMAIL, tone, subject.get().text(), body.get().text()));
            }
            case LINKEDIN_CONNECTION -> body(channel, tone, connection(tone, f), " ", s, used);
            case LINKEDIN_MESSAGE -> body(channel, tone, linkedinMessage(tone, f), "\n\n", s, used);
            case SMS -> body(channel, tone, sms(tone, f, s), " ", s, used);
            default -> Optional.empty();
        };
    }

    private Optional<Message> body(String channel, String tone, Draft draft, String separator, ChannelSettings s, Set<String> used) {
        var body = draft.fit(separator, t -> limits.messageProblems(new Message(channel, tone, null, t), s).isEmpty());
        body.ifPresent(b -> used.addAll(b.fields()));
        return body.map(b -> new Message(channel, tone, null, b.text()));
    }

    private static Draft subject(String tone, FactSheet f) {
        var P = f.product;
        var C = f.company;
        var F = f.first;
        return switch (tone) {
            case FRIENDLY -> new Draft().required(0, 0, p(F, ", a quick idea for ", C), p("A quick idea for ", C),
                    p(F, ", a quick idea for you"), p("A quick idea for you"));
            case DIRECT -> new Draft().required(0, 0, p(P, " for ", C, ": 15 minutes?"), p("15 minutes on ", P, "?"),
                    p("15 minutes this week?"));
            default -> new Draft().required(0, 0, p(P, " for ", C), p(P, " for ", f.industry, " companies"),
                    p(P, ": a brief introduction"), p("A brief introduction"));
        };
    }

    private static Draft email(String tone, FactSheet f) {
        var P = f.product;
        var C = f.company;
        var T = f.title;
        var draft = new Draft();
        switch (tone) {
            case FRIENDLY -> {
                draft.required(0, 0, p("Hi ", f.first, ","), p("Hi there,"));
                draft.optional(1, 6, p("Hope your week is going well!"));
                draft.optional(1, 5, friendlyHook(f));
                draft.optional(1, 4, p("From what I see, ", f.industry, " teams of ", poss(C), " size often find that ", pain(f), "."),
                        p("From what I see, teams with ", f.size, " often find that ", pain(f), "."),
                        p("From what I see, ", f.industry, " teams are always looking for ways to save time."));
                draft.required(1, 2, p("I'm with ", P, ", and in a nutshell: ", sentence(f.value)),
                        p("I'm with ", P, ", and in a nutshell: ", sentence(f.valueShort)), p("I'm with ", P, "."),
                        p("I'm reaching out because I think we could help."));
                draft.optional(1, 3, p("As ", T, ", you would know best whether that could help ", C, "."),
                        p("As ", T, ", you would know best whether that could help."));
                draft.required(2, 1, p("Would you be up for a quick chat sometime soon? Happy to work around your schedule."),
                        p("Would you be up for a quick chat sometime soon?"), p("Up for a quick chat soon?"));
                draft.required(3, 0, p("Cheers"));
            }
            case DIRECT -> {
                draft.optional(0, 1, p(f.first, ","));
                directBody(draft, f);
                draft.required(2, 0, p("Worth a 15-minute call this week?"));
            }
            default -> {
                draft.required(0, 0, p("Dear ", f.first, ","), p("Hello,"));
                draft.optional(1, 5, professionalHook(f));
                draft.optional(1, 4, p("Many ", f.industry, " companies of ", poss(C), " size find that ", pain(f), "."),
                        p("Many ", f.industry, " companies with ", f.size, " find that ", pain(f), "."),
                        p("Many companies with ", f.size, " find that ", pain(f), "."),
                        p("Many ", f.industry, " companies are looking for ways to work more efficiently."));
                draft.required(1, 2, p(P, ": ", sentence(f.value)), p(P, ": ", sentence(f.valueShort)),
                        p("I would like to introduce ", P, "."), p("I would like to introduce what we do."));
                draft.optional(1, 3, p("Given your role as ", T, ", I believe this could be relevant to ", poss(C), " priorities."),
                        p("Given your role as ", T, ", I believe this could be relevant to you."));
                draft.required(2, 1, p("Would you be available for a 20-minute call next week to assess whether ", P, " is a fit for ", C, "?"),
                        p("Would you be available for a 20-minute call next week to assess whether ", P, " is a fit?"),
                        p("Would you be available for a 20-minute call next week?"), p("Would a 20-minute call next week suit you?"));
                draft.required(3, 0, p("Best regards"));
            }
        }
        return draft;
    }

    /** The direct tone's middle: the offer in one line, and why this company in one line. */
    private static void directBody(Draft draft, FactSheet f) {
        var P = f.product;
        var C = f.company;
        draft.required(1, 2, p(P, ": ", sentence(f.valueShort)), p(P, " could help ", C, "."), p(P, " could help your team."),
                p("We could help your team."));
        var reasons = new ArrayList<Fact>();
        if (f.round != null) {
            reasons.add(new Fact("the recent " + f.round.text(), f.round.fields()));
        }
        var stack = f.technologies(2);
        if (stack != null) {
            reasons.add(new Fact(stack.text() + " in your stack", stack.fields()));
        }
        if (f.size != null && f.industry != null) {
            reasons.add(new Fact("a team of " + f.size.text() + " in " + f.industry.text(), union(f.size, f.industry)));
        } else if (f.size != null) {
            reasons.add(new Fact("a team of " + f.size.text(), f.size.fields()));
        } else if (f.industry != null) {
            reasons.add(new Fact("your work in " + f.industry.text(), f.industry.fields()));
        }
        var alternatives = new ArrayList<Piece>();
        for (int n = reasons.size(); n >= 1; n--) {
            var why = Fact.joined(reasons.subList(0, n), "; ");
            alternatives.add(p("Why ", C, ": ", why, "."));
            alternatives.add(p("Why you: ", why, "."));
        }
        draft.optional(1, 3, alternatives.toArray(Piece[]::new));
    }

    private static Draft connection(String tone, FactSheet f) {
        var P = f.product;
        var C = f.company;
        var draft = new Draft();
        switch (tone) {
            case FRIENDLY -> {
                draft.required(0, 0, p("Hi ", f.first, "!"), p("Hi there!"));
                draft.optional(0, 3, p("Congrats on the ", f.round, "!"), p("Always happy to meet people in ", f.industry, "."));
                draft.required(0, 1, p("I'm with ", P, " and would love to connect."), p("I would love to connect."));
            }
            case DIRECT -> {
                var F = f.first;
                var v = sentence(f.valueShort);
                draft.required(0, 0, p(F, ", ", P, ": ", v, " Open to connecting?"), p(P, ": ", v, " Open to connecting?"),
                        p(F, ", I'm with ", P, ". Open to connecting?"), p("I'm with ", P, ". Open to connecting?"),
                        p(F, ", open to connecting?"), p("Open to connecting?"));
            }
            default -> {
                draft.required(0, 0, p("Dear ", f.first, ","), p("Hello,"));
                draft.optional(0, 3, p("Congratulations on the recent ", f.round, "."));
                draft.required(0, 1, p("I am with ", P, " and would welcome connecting with you as ", f.title, " at ", C, "."),
                        p("I am with ", P, " and would welcome connecting with you at ", C, "."),
                        p("I am with ", P, " and would welcome connecting."), p("I would welcome connecting with you."));
            }
        }
        return draft;
    }

    private static Draft linkedinMessage(String tone, FactSheet f) {
        var P = f.product;
        var C = f.company;
        var T = f.title;
        var draft = new Draft();
        switch (tone) {
            case FRIENDLY -> {
                draft.required(0, 0, p("Hi ", f.first, ","), p("Hi there,"));
                draft.optional(1, 5, friendlyHook(f));
                draft.required(1, 2, p("I'm with ", P, ", and in a nutshell: ", sentence(f.value)),
                        p("I'm with ", P, ", and in a nutshell: ", sentence(f.valueShort)), p("I'm with ", P, "."),
                        p("I think we could help your team."));
                draft.optional(1, 3, p("As ", T, ", you would know best whether that could help ", C, "."),
                        p("As ", T, ", you would know best whether that could help."));
                draft.required(2, 1, p("Would you be up for a quick chat sometime soon?"));
                draft.optional(3, 6, p("Cheers"));
            }
            case DIRECT -> {
                draft.optional(0, 1, p(f.first, ","));
                directBody(draft, f);
                draft.required(2, 0, p("Worth a 15-minute call this week?"));
            }
            default -> {
                draft.required(0, 0, p("Dear ", f.first, ","), p("Hello,"));
                draft.optional(1, 5, professionalHook(f));
                draft.required(1, 2, p(P, ": ", sentence(f.value)), p(P, ": ", sentence(f.valueShort)),
                        p("I would like to introduce ", P, "."), p("I would like to introduce what we do."));
                draft.optional(1, 3, p("Given your role as ", T, ", I believe this could be relevant to ", poss(C), " priorities."),
                        p("Given your role as ", T, ", I believe this could be relevant to you."));
                draft.required(2, 1, p("Would a 20-minute call next week be useful to assess whether ", P, " fits ", poss(C), " priorities?"),
                        p("Would a 20-minute call next week be useful?"));
                draft.optional(3, 6, p("Best regards"));
            }
        }
        return draft;
    }

    private static Draft sms(String tone, FactSheet f, ChannelSettings s) {
        var P = f.product;
        var C = f.company;
        var F = f.first;
        var draft = new Draft();
        switch (tone) {
            case FRIENDLY -> {
                draft.required(0, 1, p("Hi ", F, "! I'm with ", P, " and think we could help ", C, "."),
                        p("Hi ", F, "! I'm with ", P, " and think we could help."), p("Hi! I'm with ", P, " and think we could help ", C, "."),
                        p("Hi! I'm with ", P, " and think we could help."), p("Hi ", F, "! I think we could help your team."),
                        p("Hi! I think we could help your team."), p("Hi ", F, "!"), p("Hi!"));
                draft.required(0, 0, p("Up for a quick chat this week?"), p("Quick chat this week?"));
            }
            case DIRECT -> {
                draft.optional(0, 1, p(F, ", ", P, " could help ", C, "."), p(F, ", ", P, " could help your team."),
                        p(P, " could help ", C, "."), p(P, " could help your team."), p(F, ", we could help your team."),
                        p("We could help your team."), p(F, ","));
                draft.required(0, 0, p("15 min this week?"));
            }
            default -> {
                draft.required(0, 1, p("Hello ", F, ", I would like to introduce ", P, " to ", C, "."),
                        p("Hello ", F, ", I would like to introduce ", P, "."), p("Hello, I would like to introduce ", P, " to ", C, "."),
                        p("Hello, I would like to introduce ", P, "."), p("Hello ", F, ", I would like to introduce what we do."),
                        p("Hello, I would like to introduce what we do."), p("Hello ", F, "."), p("Hello."));
                draft.required(0, 0, p("Would a brief call this week suit you?"), p("A brief call this week?"));
            }
        }
        if (s.smsOptOut()) {
            draft.required(0, 0, p(s.smsOptOutText()));
        }
        return draft;
    }

    private static Piece[] professionalHook(FactSheet f) {
        var C = f.company;
        var stack = f.technologies(2);
        return new Piece[] {
            p("I read the recent news about ", namedElsewhere(C, f.headline), ": \"", f.headline, "\"."),
            p("I read the recent news: \"", f.headline, "\"."),
            p("Congratulations on ", poss(C), " recent ", f.round, "."), p("Congratulations on the recent ", f.round, "."),
            p("I noticed that ", C, " works with ", stack, "."), p("I noticed that your team works with ", stack, ".")};
    }

    private static Piece[] friendlyHook(FactSheet f) {
        var C = f.company;
        var stack = f.technologies(2);
        return new Piece[] {
            p("I just came across the news about ", namedElsewhere(C, f.headline), ": \"", f.headline, "\"."),
            p("I just came across the news: \"", f.headline, "\"."),
            p("Congrats on the ", f.round, ", that is a big milestone for ", C, "!"), p("Congrats on the ", f.round, ", that is a big milestone!"),
            p("I noticed ", C, " works with ", stack, ", which got me thinking about your setup."),
            p("I noticed your team works with ", stack, ", which got me thinking.")};
    }

    /** What companies of this size often find, as the end of a sentence; null when the size is not known. */
    private static Fact pain(FactSheet f) {
        if (f.sizeClass == null) {
            return null;
        }
        var text = switch (f.sizeClass) {
            case SMALL -> "every hour of manual work counts";
            case MID -> "processes built for a smaller team start to strain";
            case LARGE -> "coordinating work across teams slows decisions down";
        };
        return new Fact(text, f.size.fields());
    }

    // --- call script ---

    private CallScript callScript(FactSheet f, Set<String> used) {
        var P = f.product;
        var C = f.company;
        var F = f.first;
        var stack = f.technologies(2);
        var opener = new Draft()
                .required(0, 1, p("Hi ", F, ", I'm calling from ", P, "."), p("Hi ", F, ", thanks for picking up."),
                        p("Hi, I'm calling from ", P, "."), p("Hi, thanks for picking up."))
                .optional(0, 2, p("I saw that ", C, " recently closed its ", f.round, ", congratulations."),
                        p("I saw the recent ", f.round, ", congratulations."),
                        p("I understand ", C, " works with ", stack, "."),
                        p("I'm reaching out to you as ", f.title, " at ", C, "."), p("I'm reaching out to you as ", f.title, "."))
                .required(0, 0, p("Do you have two minutes for a quick question?"))
                .fit(" ", t -> OutreachLimits.textProblems("", t).isEmpty()).orElseThrow();
        used.addAll(opener.fields());

        var specific = Stream.of(
                levelQuestion(f),
                first(p("Since the ", f.round, ", what has changed in your priorities for growth?")),
                first(p("How well does your current setup, including ", stack, ", cover what you need today?")),
                first(p("With ", f.size, ", where does manual work slow the team down most?")),
                first(p("What is the biggest challenge for ", f.industry, " companies like ", C, " this year?"),
                        p("What is the biggest challenge in ", f.industry, " this year?")))
                .filter(Objects::nonNull).limit(3).toList();
        var generic = List.of(
                p("What does your current process look like, and what would you improve first?"),
                first(p("Who else would be involved in evaluating a solution like ", P, "?"),
                        p("Who else would be involved in evaluating a new solution?")),
                p("What would make a change worth it for you this quarter?"),
                p("When would you ideally want this solved?"));
        var questions = new ArrayList<String>();
        for (var q : Stream.concat(specific.stream(), generic.stream()).limit(OutreachLimits.MAX_DISCOVERY_QUESTIONS).toList()) {
            questions.add(q.text());
            used.addAll(q.fields());
        }

        var objections = new LinkedHashMap<String, String>();
        objections.put("price", take(used, p("I understand. Most teams weigh the cost against the time it saves; would it help to work "
                        + "through the numbers for ", C, " together?"),
                p("I understand. Most teams weigh the cost against the time it saves; would it help to work through the numbers together?")));
        objections.put("timing", take(used, p("Fair enough. Right after a ", f.round, ", plans move fast; when would be a better time to "
                        + "revisit this? I can send a short summary in the meantime."),
                p("Fair enough. When would be a better time to revisit this? I can send a short summary so it is ready when you are.")));
        objections.put("incumbent", take(used, p("Makes sense if what you have today works well. If you could change one thing about "
                + "your current setup, what would it be?")));
        objections.put("trust", take(used, p("That is fair. I can send a short written overview of ", P, " so you can judge it on your own "
                        + "terms, and you decide whether a follow-up is worth your time."),
                p("That is fair. I can send a short written overview so you can judge it on your own terms, and you decide whether "
                        + "a follow-up is worth your time.")));
        return new CallScript(opener.text(), questions, objections);
    }

    private static Piece levelQuestion(FactSheet f) {
        if (f.level == null) {
            return first(p("As ", f.title, ", which goals are you measured on this year?"));
        }
        return switch (f.level) {
            case EXECUTIVE -> also(first(p("What are the top priorities for ", f.company, " over the next two quarters?"),
                    p("What are your top priorities over the next two quarters?")), f.levelFact);
            case LEADER -> also(p("Which goals is your team measured on this year, and where is it hardest to keep pace?"), f.levelFact);
            case MANAGER -> also(p("Which part of your team's day-to-day work takes longer than it should?"), f.levelFact);
            case INDIVIDUAL -> also(p("Which part of your day-to-day work takes longer than it should?"), f.levelFact);
        };
    }

    // --- insight ---

    private static List<String> painPoints(FactSheet f, Set<String> used) {
        var C = f.company;
        var items = new ArrayList<Piece>();
        if (f.sizeClass != null) {
            items.add(switch (f.sizeClass) {
                case SMALL -> first(p("With ", f.size, ", ", C, " has few hands for work outside its core business."),
                        p("With ", f.size, ", the team has few hands for work outside its core business."));
                case MID -> p("At ", f.size, ", processes built for a smaller team tend to strain.");
                case LARGE -> p("At ", f.size, ", coordinating work across teams and tools slows decisions down.");
            });
        }
        var growth = " is likely expected to grow fast while keeping spending efficient.";
        items.add(first(p("After the ", f.round, " and ", f.raised, " raised in total, ", C, growth),
                p("After the ", f.round, " and ", f.raised, " raised in total, the company", growth),
                p("After the ", f.round, ", ", C, growth), p("After the ", f.round, ", the company", growth),
                p("With ", f.raised, " raised, ", C, growth), p("With ", f.raised, " raised, the company", growth),
                p("Funded through ", f.stage, ": spending decisions are likely under close scrutiny.")));
        items.add(p("Works with ", f.technologies(3), ", so anything new has to fit the existing stack."));
        items.add(p("In ", f.industry, ", competition keeps the pressure on speed and efficiency."));
        if (f.level != null) {
            // the title when known ("VP Sales"), else what the seniority says ("a senior leader")
            var as = f.title == null ? f.levelFact : new Fact(f.title.text(), union(f.title, f.levelFact));
            items.add(switch (f.level) {
                case EXECUTIVE -> p("As ", as, ", accountable for company-level results and needs a clear return on any investment.");
                case LEADER -> p("As ", as, ", balances team targets against limited headcount and budget.");
                case MANAGER -> p("As ", as, ", feels day-to-day process friction first-hand.");
                case INDIVIDUAL -> p("As ", as, ", close to the day-to-day work and its friction.");
            });
        } else {
            items.add(p("As ", f.title, ", likely measured on results in their area."));
        }
        return take(used, items, p("Little is known about the company yet: discovery should establish the current process and its cost."));
    }

    private static List<String> valueGains(FactSheet f, Set<String> used) {
        var items = new ArrayList<Piece>();
        items.add(p(capitalized(sentence(f.value))));
        if (f.sizeClass != null) {
            items.add(switch (f.sizeClass) {
                case SMALL -> also(p("More done by a small team without adding headcount."), f.size);
                case MID -> p("Processes that keep up with growth beyond ", f.size, ".");
                case LARGE -> also(p("Less coordination overhead across teams."), f.size);
            });
        }
        items.add(p("Faster progress on the growth plans behind the ", f.round, "."));
        items.add(p("More value from the existing stack, including ", f.technologies(2), "."));
        return take(used, items, first(p("Time saved and clearer results with ", f.product, "."), p("Time saved and clearer results.")));
    }

    private static List<String> keyMessages(FactSheet f, Set<String> used) {
        var P = f.product;
        var items = new ArrayList<Piece>();
        items.add(first(p("Lead with ", P, ": ", sentence(f.valueShort)), p("Lead with ", P, ": ", sentence(f.value)),
                p("Lead with a short, clear introduction of ", P, "."), p("Lead with a short, clear introduction.")));
        items.add(first(p("Refer to the recent news: \"", f.headline, "\"."),
                p("Acknowledge the ", f.round, " and the growth it is meant to fund."),
                p("Refer to their stack: ", f.technologies(2), ".")));
        items.add(p("Speak to what matters to them as ", f.title, ": outcomes, not features."));
        for (var reason : f.fitReasons.subList(0, Math.min(2, f.fitReasons.size()))) {
            items.add(p("Why it fits: ", reason, "."));
        }
        items.add(p("Ideal customer profile of ", P, ": ", sentence(f.icp)));
        items.add(p("Ask for one 20-minute call to confirm the fit."));
        return take(used, items, null);
    }

    // --- helpers ---

    private static Piece p(Object... bits) {
        return Piece.of(bits);
    }

    /** The piece, also relying on a fact it does not print (the size behind "a small team"); null when either is. */
    private static Piece also(Piece piece, Fact fact) {
        if (piece == null || fact == null) {
            return null;
        }
        var fields = new LinkedHashSet<String>(piece.fields());
        fields.addAll(fact.fields());
        return new Piece(piece.text(), fields);
    }

    private static Piece first(Piece... alternatives) {
        return Stream.of(alternatives).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The first usable alternative's text; its fields count as used. */
    private static String take(Set<String> used, Piece... alternatives) {
        var piece = Stream.of(alternatives).filter(Objects::nonNull)
                .filter(a -> OutreachLimits.textProblems("", a.text()).isEmpty()).findFirst().orElseThrow();
        used.addAll(piece.fields());
        return piece.text();
    }

    /** The texts of the usable items, or the fallback's alone when none is usable; their fields count as used. */
    private static List<String> take(Set<String> used, List<Piece> items, Piece fallback) {
        var out = new ArrayList<String>();
        for (var item : items) {
            if (item != null && OutreachLimits.textProblems("", item.text()).isEmpty()) {
                out.add(item.text());
                used.addAll(item.fields());
            }
        }
        if (out.isEmpty() && fallback != null) {
            out.add(take(used, fallback));
        }
        return out;
    }

    /** The company, unless the other text already names it (a headline about it): then null, not to say it twice. */
    private static Fact namedElsewhere(Fact company, Fact other) {
        if (company == null || other == null) {
            return company;
        }
        return other.text().toLowerCase(java.util.Locale.ROOT).contains(company.text().toLowerCase(java.util.Locale.ROOT)) ? null : company;
    }

    private static Fact poss(Fact fact) {
        return fact == null ? null : fact.possessive();
    }

    private static Fact sentence(Fact fact) {
        return fact == null ? null : fact.sentence();
    }

    private static Fact capitalized(Fact fact) {
        return fact == null ? null : fact.capitalized();
    }

    private static Set<String> union(Fact a, Fact b) {
        var fields = new LinkedHashSet<String>(a.fields());
        fields.addAll(b.fields());
        return fields;
    }
}
