package io.leadhub.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class TemplateWriterTest {

    private final TemplateWriter writer = new TemplateWriter();
    private final OutreachLimits limits = new OutreachLimits();
    private final ChannelSettings defaults = ChannelSettings.defaults();

    static final ProductInfo ROUTEWISE = new ProductInfo("p1", "Routewise",
            "Plan delivery routes in minutes instead of hours, with live traffic and driver constraints.",
            "Mid-market logistics and delivery companies in Europe with their own fleet");

    static PersonalizationFacts rich(boolean doNotCall) {
        var lead = new LinkedHashMap<String, Object>();
        lead.put("first_name", "Jane");
        lead.put("last_name", "Doe");
        lead.put("title", "VP Operations");
        lead.put("email", "jane@acme.example");
        lead.put("phone", "+49 30 1234567");
        lead.put("company_name", "Acme Logistics GmbH");
        lead.put("company_domain", "acme.example");
        lead.put("country", "DE");
        lead.put("city", "Berlin");
        var profile = new LinkedHashMap<String, Object>();
        profile.put("company_industry", "Transportation & Logistics");
        profile.put("company_employees", 120);
        profile.put("company_description", "Acme moves parcels across Germany.");
        profile.put("technologies", List.of("HubSpot", "Salesforce", "Google Analytics", "Stripe"));
        profile.put("funding_stage", "series_b");
        profile.put("funding_total", 25_000_000);
        profile.put("person_seniority", "vp");
        profile.put("news_headline", "Acme Logistics opens a new hub in Rotterdam");
        profile.put("website_title", "Acme Logistics - parcels, on time");
        return new PersonalizationFacts(lead, profile, ROUTEWISE, "hot", 87.5,
                List.of("industry Transportation & Logistics matches Logistics", "company size 120 in 51-200", "region unknown"), doNotCall);
    }

    static PersonalizationFacts onlyAnEmail() {
        return new PersonalizationFacts(Map.of("email", "someone@example.com"), Map.of(), null, "warm", 41, List.of(), false);
    }

    /** Every text of a personalization: insight items, subjects, bodies, call script lines. */
    static List<String> texts(Personalization p) {
        var out = new ArrayList<String>();
        out.addAll(p.insight().keyPainPoints());
        out.addAll(p.insight().valueGains());
        out.addAll(p.insight().keyMessages());
        for (var m : p.outreach().messages()) {
            if (m.subject() != null) {
                out.add(m.subject());
            }
            out.add(m.body());
        }
        var script = p.outreach().callScript();
        if (script != null) {
            out.add(script.opener());
            out.addAll(script.discoveryQuestions());
            out.addAll(script.objections().values());
        }
        return out;
    }

    static Message message(Personalization p, String channel, String tone) {
        return p.outreach().messages().stream().filter(m -> m.channel().equals(channel) && m.tone().equals(tone)).findFirst().orElseThrow();
    }

    /** The fact fields that hold something: lead and profile keys with a value, product parts that are not blank, fit reasons. */
    static Set<String> present(PersonalizationFacts facts) {
        var out = new HashSet<String>();
        facts.lead().forEach((k, v) -> { if (v != null) out.add(k); });
        facts.profile().forEach((k, v) -> { if (v != null) out.add(k); });
        var product = facts.product();
        if (product != null) {
            if (product.name() != null && !product.name().isBlank()) out.add("product.name");
            if (product.valueProposition() != null && !product.valueProposition().isBlank()) out.add("product.valueProposition");
            if (product.icpDescription() != null && !product.icpDescription().isBlank()) out.add("product.icpDescription");
        }
        if (!facts.fitReasons().isEmpty()) out.add("fitReasons");
        return out;
    }

    /** No sloppy joins: a space before punctuation, doubled punctuation or spaces, an empty greeting. */
    static void assertTidy(List<String> texts) {
        for (var text : texts) {
            assertThat(text).doesNotContainPattern("\\s[,.!?;:](\\s|$)").doesNotContain("  ").doesNotContainPattern("(?<!\\.)\\.\\.(?!\\.)").doesNotContain(",,")
                    .doesNotContain(",.").doesNotContain("Hi ,").doesNotContain("Dear ,").doesNotStartWith(",").isEqualTo(text.strip());
        }
    }

    // --- rich facts ---

    @Test
    void richFactsGiveACompleteGroundedPersonalization() {
        var p = writer.write(rich(false), defaults);

        assertThat(p.generator()).isEqualTo("template");
        assertThat(limits.problems(p, defaults, false)).isEmpty();
        assertThat(p.outreach().messages()).hasSize(12);
        assertThat(p.outreach().skipped()).isEmpty();
        assertThat(p.insight().keyPainPoints()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(p.insight().valueGains()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(p.insight().keyMessages()).hasSizeGreaterThanOrEqualTo(4);
        var script = p.outreach().callScript();
        assertThat(script.opener()).contains("Jane").contains("Routewise");
        assertThat(script.discoveryQuestions()).hasSizeBetween(3, 5);
        assertThat(script.objections()).containsOnlyKeys("price", "timing", "incumbent", "trust");
        var all = String.join("\n", texts(p));
        assertThat(all).contains("Jane", "Acme Logistics", "VP Operations", "transportation & logistics", "about 120 people",
                "HubSpot and Salesforce", "Series B round", "$25M", "Rotterdam", "Routewise", "Plan delivery routes in minutes",
                "industry Transportation & Logistics matches Logistics", "Mid-market logistics");
        assertThat(all).doesNotContain("GmbH", "Doe", "jane@acme.example", "+49", "Berlin", "region unknown");
        assertTidy(texts(p));
    }

    @Test
    void groundedOnNamesExactlyTheFieldsTheTextUsed() {
        var p = writer.write(rich(false), defaults);

        assertThat(p.insight().groundedOn()).containsExactlyInAnyOrder("first_name", "title", "person_seniority", "company_name",
                "company_industry", "company_employees", "technologies", "funding_stage", "funding_total", "news_headline",
                "product.name", "product.valueProposition", "product.icpDescription", "fitReasons");
        assertThat(present(rich(false))).containsAll(p.insight().groundedOn());

        var withoutFunding = new LinkedHashMap<>(rich(false).profile());
        withoutFunding.remove("funding_stage");
        withoutFunding.remove("funding_total");
        var facts = new PersonalizationFacts(rich(false).lead(), withoutFunding, ROUTEWISE, "hot", 87.5, List.of(), false);
        var q = writer.write(facts, defaults);
        assertThat(q.insight().groundedOn()).doesNotContain("funding_stage", "funding_total", "fitReasons");
        assertThat(String.join("\n", texts(q))).doesNotContain("Series B", "$25M");
    }

    @Test
    void theThreeTonesAreGenuinelyDifferent() {
        var p = writer.write(rich(false), defaults);

        for (var channel : ChannelSettings.CHANNELS) {
            var bodies = ChannelSettings.TONES.stream().map(t -> message(p, channel, t).body()).distinct().toList();
            assertThat(bodies).as(channel).hasSize(3);
        }
        var professional = message(p, "email", "professional").body();
        var friendly = message(p, "email", "friendly").body();
        var direct = message(p, "email", "direct").body();
        assertThat(professional).startsWith("Dear Jane,").contains("Best regards").doesNotContain("I'm");
        assertThat(friendly).startsWith("Hi Jane,").contains("Hope your week").contains("Cheers");
        assertThat(direct).startsWith("Jane,");
        assertThat(direct.chars().filter(c -> c == '?').count()).as("one ask").isEqualTo(1);
        assertThat(TextRules.words(direct)).isLessThan(TextRules.words(professional)).isLessThanOrEqualTo(60);
        assertThat(message(p, "email", "professional").subject()).isNotEqualTo(message(p, "email", "friendly").subject());
    }

    @Test
    void theSmsCarriesTheOptOutLineWhenItIsOnAndNotWhenItIsOff() {
        var on = writer.write(rich(false), defaults);
        var offSettings = new ChannelSettings(null, 150, 600, false, null);
        var off = writer.write(rich(false), offSettings);

        for (var tone : ChannelSettings.TONES) {
            assertThat(message(on, "sms", tone).body()).endsWith("Reply STOP to opt out");
            assertThat(message(off, "sms", tone).body()).doesNotContain("STOP");
        }
        assertThat(limits.problems(off, offSettings, false)).isEmpty();
    }

    // --- minimal facts ---

    @Test
    void onlyAnEmailStillGivesACompletePersonalizationWithinTheLimits() {
        var p = writer.write(onlyAnEmail(), defaults);

        assertThat(limits.problems(p, defaults, false)).isEmpty();
        assertThat(p.outreach().messages()).hasSize(12).allSatisfy(m -> assertThat(m.body()).isNotBlank());
        assertThat(p.outreach().callScript()).isNotNull();
        assertThat(p.outreach().callScript().discoveryQuestions()).hasSizeBetween(3, 5);
        assertThat(p.insight().keyPainPoints()).isNotEmpty();
        assertThat(p.insight().valueGains()).isNotEmpty();
        assertThat(p.insight().keyMessages()).isNotEmpty();
        assertThat(p.insight().groundedOn()).isEmpty();
        assertThat(String.join("\n", texts(p))).doesNotContain("someone", "example.com");
        assertTidy(texts(p));
    }

    @Test
    void nullFactsAndSettingsAreTakenAsNothingKnownAndTheDefaults() {
        var p = writer.write(null, null);

        assertThat(limits.problems(p, defaults, false)).isEmpty();
        assertThat(p.insight().groundedOn()).isEmpty();
    }

    @Test
    void theTightestSettingsAreHonouredEvenWithRichFacts() {
        var tight = new ChannelSettings(null, ChannelSettings.MIN_EMAIL_WORDS, ChannelSettings.MIN_LINKEDIN_MESSAGE_CHARS, true,
                "Reply STOP to opt out");
        var p = writer.write(rich(false), tight);

        assertThat(limits.problems(p, tight, false)).isEmpty();
        assertThat(p.outreach().messages()).hasSize(12);
        assertThat(message(p, "email", "professional").body()).contains("Jane");
        assertTidy(texts(p));
    }

    // --- awkward values ---

    @Test
    void absurdlyLongValuesAreShortenedAtSeparatorsOrLeftOutNeverCut() {
        var filler = String.join(" ", java.util.Collections.nCopies(300, "Qxfiller"));
        var lead = new LinkedHashMap<String, Object>();
        lead.put("first_name", "Qxname".repeat(40));
        lead.put("company_name", "Quantum Freight Solutions - " + filler);
        lead.put("title", "Head of Qxfiller " + filler);
        var profile = new LinkedHashMap<String, Object>();
        profile.put("company_industry", filler);
        profile.put("technologies", List.of("Qxtech".repeat(30), "Kubernetes", filler));
        profile.put("news_headline", filler);
        var product = new ProductInfo("p", "Routewise", filler + ", and more", "For " + filler);
        var facts = new PersonalizationFacts(lead, profile, product, "hot", 90, List.of(filler), false);

        var p = writer.write(facts, defaults);

        assertThat(limits.problems(p, defaults, false)).isEmpty();
        var all = String.join("\n", texts(p));
        assertThat(all).contains("Quantum Freight Solutions", "Kubernetes", "Routewise").doesNotContain("Qx");
        assertThat(message(p, "email", "professional").body()).startsWith("Hello,");
        assertThat(p.insight().groundedOn()).containsExactlyInAnyOrder("company_name", "technologies", "product.name");
        assertTidy(texts(p));
    }

    @Test
    void valuesThatReadAsMissingOrAsPlaceholdersAreNeverPrinted() {
        var lead = new LinkedHashMap<String, Object>();
        lead.put("first_name", "null");
        lead.put("full_name", "{{first_name}} {{last_name}}");
        lead.put("company_name", "undefined");
        lead.put("title", "  ");
        var profile = new LinkedHashMap<String, Object>();
        profile.put("company_industry", "N/A");
        profile.put("technologies", Arrays.asList(null, "", "null", "[object Object]"));
        profile.put("funding_stage", "Venture (Round not Specified)");
        profile.put("company_employees", "unknown");
        profile.put("news_headline", "Acme {{ news }}");
        var product = new ProductInfo("p", "%s", "null", "[Insert ICP here]");
        var facts = new PersonalizationFacts(lead, profile, product, "warm", 50, Arrays.asList(null, "undefined"), false);

        var p = writer.write(facts, defaults);

        assertThat(limits.problems(p, defaults, false)).isEmpty();
        var all = String.join("\n", texts(p));
        assertThat(all).doesNotContainIgnoringCase("null").doesNotContainIgnoringCase("undefined").doesNotContain("{", "}", "[", "]",
                "N/A", "%s", "Venture");
        assertThat(p.insight().groundedOn()).isEmpty();
        assertTidy(texts(p));
    }

    @Test
    void aNameThatNeedsUnicodeKeepsTheSmsInOneSegment() {
        var lead = Map.<String, Object>of("first_name", "Łukasz", "company_name", "Zakład Przewozowy Łódź");
        var facts = new PersonalizationFacts(lead, Map.of(), ROUTEWISE, "hot", 80, List.of(), false);

        var p = writer.write(facts, defaults);

        assertThat(limits.problems(p, defaults, false)).isEmpty();
        assertThat(message(p, "email", "friendly").body()).startsWith("Hi Łukasz,");
        for (var tone : ChannelSettings.TONES) {
            assertThat(Gsm7.fits(message(p, "sms", tone).body())).isTrue();
        }
    }

    @Test
    void legalSuffixesAndNumbersAreWrittenAsPeopleSayThem() {
        var lead = Map.<String, Object>of("first_name", "Ola", "company_name", "Zakład Łódź Sp. z o.o.");
        var profile = Map.<String, Object>of("funding_total", "12.5m", "funding_stage", "Seed", "company_employees", "1,200");
        var p = writer.write(new PersonalizationFacts(lead, profile, ROUTEWISE, "hot", 80, List.of(), false), defaults);

        var all = String.join("\n", texts(p));
        assertThat(all).contains("Zakład Łódź", "$12.5M", "seed round", "about 1,200 people").doesNotContain("Sp. z o.o.");
    }

    @Test
    void theSharedFactListsReadWhatTheOldCopiesMissed() {
        var lead = Map.<String, Object>of("first_name", "Priya", "company_name", "Acme Logistics Pvt. Ltd.", "title", "CHRO");
        var profile = Map.<String, Object>of("company_employees", "10K+", "company_industry", "31-33 Manufacturing");
        var p = writer.write(new PersonalizationFacts(lead, profile, ROUTEWISE, "hot", 80, List.of(), false), defaults);

        assertThat(String.join("\n", texts(p))).contains("Acme Logistics", "over 10,000 people", "manufacturing")
                .doesNotContain("Pvt", "Ltd", "33");
        assertThat(p.outreach().callScript().discoveryQuestions().get(0))
                .isEqualTo("What are the top priorities for Acme Logistics over the next two quarters?");
        assertThat(limits.problems(p, defaults, false)).isEmpty();
    }

    @Test
    void typographicAndShoutedValuesArePrintedPlainly() {
        var lead = Map.<String, Object>of("full_name", "Dr. JANE O\u2019NEIL", "company_name", "\u201CAcme\u201D \u2013 Freight, Inc.");
        var facts = new PersonalizationFacts(lead, Map.of("company_employees", "51-200"), ROUTEWISE, "hot", 80, List.of(), false);

        var p = writer.write(facts, defaults);

        assertThat(message(p, "email", "friendly").body()).startsWith("Hi Jane,");
        assertThat(message(p, "sms", "direct").body()).isEqualTo("Jane, Routewise could help \"Acme\" - Freight. 15 min this week? Reply STOP to opt out");
        assertThat(String.join("\n", texts(p))).contains("51 to 200 people");
        assertThat(p.insight().groundedOn()).contains("full_name", "company_name", "company_employees");
    }

    // --- do-not-call ---

    @Test
    void doNotCallMeansNoSmsAndNoCallScriptWithTheReasonRecorded() {
        var p = writer.write(rich(true), defaults);

        assertThat(p.outreach().messages()).hasSize(9).noneMatch(m -> m.channel().equals("sms"));
        assertThat(p.outreach().callScript()).isNull();
        assertThat(p.outreach().skipped()).containsExactly("sms: the phone is marked do-not-call",
                "call_script: the phone is marked do-not-call");
        assertThat(limits.problems(p, defaults, true)).isEmpty();
    }

    // --- determinism ---

    @Test
    void theSameFactsGiveTheSameText() {
        var first = writer.write(rich(false), defaults);
        var again = new TemplateWriter().write(rich(false), defaults);
        var lead = new HashMap<>(rich(false).lead());
        var profile = new HashMap<>(rich(false).profile());
        var reordered = writer.write(new PersonalizationFacts(lead, profile, ROUTEWISE, "hot", 87.5, rich(false).fitReasons(), false), defaults);

        assertThat(again).isEqualTo(first);
        assertThat(reordered).isEqualTo(first);
        assertThat(again.insight().groundedOn()).containsExactlyElementsOf(first.insight().groundedOn());
    }

    // --- property: any facts, any settings ---

    private static final Pattern MARKER = Pattern.compile("Qx\\p{L}*");

    @Test
    void anyFactsGiveAPersonalizationWithinTheLimits() {
        checkRandomCases(new Random(20_260_211L), 400);
    }

    /** Generated facts and settings, each checked: within the limits, deterministic, grounded on what exists, no word cut. */
    static void checkRandomCases(Random random, int cases) {
        var writer = new TemplateWriter();
        var limits = new OutreachLimits();
        for (int i = 0; i < cases; i++) {
            var markers = new HashSet<String>();
            var facts = randomFacts(random, markers);
            var settings = randomSettings(random);

            var p = writer.write(facts, settings);

            var label = "case " + i + " " + settings;
            assertThat(limits.problems(p, settings, facts.doNotCall())).as(label).isEmpty();
            assertThat(writer.write(facts, settings)).as(label + " deterministic").isEqualTo(p);
            assertThat(present(facts)).as(label + " groundedOn").containsAll(p.insight().groundedOn());
            assertThat(p.generator()).isEqualTo("template");
            var expectedSkips = new HashSet<String>(Set.of("sms: " + TemplateWriter.SMS_NO_ROOM));
            if (facts.doNotCall()) {
                expectedSkips.addAll(Set.of("sms: " + TemplateWriter.DO_NOT_CALL, "call_script: " + TemplateWriter.DO_NOT_CALL));
            }
            assertThat(expectedSkips).as(label + " skipped").containsAll(p.outreach().skipped());
            if (!settings.smsOptOut() || settings.smsOptOutText().length() <= 40) {
                assertThat(p.outreach().skipped()).as(label).doesNotContain("sms: " + TemplateWriter.SMS_NO_ROOM);
            }
            assertThat(facts.doNotCall() ? p.outreach().callScript() == null : p.outreach().callScript() != null).as(label).isTrue();
            assertTidy(texts(p));
            for (var text : texts(p)) {
                var m = MARKER.matcher(text);
                while (m.find()) {
                    assertThat(markers).as(label + ": a word cut in \"" + text + "\"").contains(m.group());
                }
            }
        }
    }

    private static final String[] SEPARATORS = {" ", " ", " ", " - ", ", ", " | ", " (", ": "};

    /** Words made up for the test ("Qxabc"), so that a word cut short in the output is recognised. */
    private static String words(Random random, int count, Set<String> markers) {
        var out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            var word = new StringBuilder("Qx");
            for (int n = 2 + random.nextInt(8); n > 0; n--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            markers.add(word.toString());
            out.append(i == 0 ? "" : SEPARATORS[random.nextInt(SEPARATORS.length)]).append(word);
        }
        return out.toString();
    }

    private static final List<Object> AWKWARD = Arrays.asList("", "   ", "\n\t", "null", "NULL", "undefined", "N/A", "None", "-", "?",
            "{{first_name}}", "[Company]", "%s", "NaN", "Acme (Europe", "\"Quoted", "Acme\u0000Corp\u200B", "null Corp", "🚚🚚🚚",
            "Łukasz", "Zoë", "北京物流有限公司", "Ørsted", "O\u2019Brien", "€uro Freight", "{Acme}", "x", "A.", "12345", 0, -5,
            3.5, List.of("a"), Map.of("k", "v"), "\u201CSmart\u201D Co", "J.", "Mary Ann", "Jean-Luc", "Acme Inc.", "ACME CORP", "Ünal");

    private static Object value(Random random, Set<String> markers, List<Object> normal) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> normal.get(random.nextInt(normal.size()));
            case 4, 5 -> AWKWARD.get(random.nextInt(AWKWARD.size()));
            case 6 -> words(random, 1 + random.nextInt(3), markers);
            case 7 -> words(random, 5 + random.nextInt(20), markers);
            case 8 -> words(random, 100 + random.nextInt(600), markers);
            default -> normal.get(random.nextInt(normal.size())) + " " + AWKWARD.get(random.nextInt(AWKWARD.size()));
        };
    }

    private static void maybePut(Random random, Map<String, Object> map, String key, Set<String> markers, Object... normal) {
        if (random.nextInt(3) > 0) {
            map.put(key, value(random, markers, List.of(normal)));
        }
    }

    static PersonalizationFacts randomFacts(Random random, Set<String> markers) {
        var lead = new LinkedHashMap<String, Object>();
        var profile = new LinkedHashMap<String, Object>();
        maybePut(random, lead, "first_name", markers, "Jane", "Ahmed", "Łukasz", "Mary Ann", "zoë", "SVEN");
        maybePut(random, lead, "last_name", markers, "Doe", "Kowalski");
        maybePut(random, lead, "full_name", markers, "Jane Doe", "Dr. Ahmed Khan", "Prince");
        maybePut(random, lead, "title", markers, "VP Operations", "Chief Executive Officer", "Head of Logistics", "Fleet Manager",
                "Software Engineer", "Product Owner", "Director of Sales, EMEA | Board Member", "CTO at Acme");
        lead.put("email", "someone@example.com");
        maybePut(random, lead, "phone", markers, "+48 600 100 200");
        maybePut(random, lead, "company_name", markers, "Acme Logistics GmbH", "Zakład Łódź Sp. z o.o.", "Atlas", "Northwind Traders, Inc.",
                "The International Association of Professional Widget Manufacturers and Distributors of Northern Europe");
        maybePut(random, lead, "company_domain", markers, "acme.example");
        maybePut(random, lead, "country", markers, "DE", "Poland");
        maybePut(random, lead, "city", markers, "Berlin");
        maybePut(random, profile, random.nextBoolean() ? "company_industry" : "industry", markers, "Transportation & Logistics",
                "52 Finance and Insurance", "Computer Software", "SaaS", "484", "Information Technology & Services Industry");
        maybePut(random, profile, "company_employees", markers, 120, 7, 25_000, "51-200", "1,200", "10000+", -3, "lots", 1L, 4.2e9);
        if (random.nextInt(3) > 0) {
            var technologies = new ArrayList<Object>();
            for (int n = random.nextInt(6); n > 0; n--) {
                technologies.add(value(random, markers, List.of("HubSpot", "Salesforce", "Stripe", ".NET", "C#", "Google Tag Manager")));
            }
            profile.put(random.nextBoolean() ? "technologies" : "website_technologies",
                    random.nextInt(5) == 0 ? String.join(", ", technologies.stream().map(String::valueOf).toList()) : technologies);
        }
        maybePut(random, profile, "funding_stage", markers, "series_b", "Series A", "seed", "Pre-Seed", "IPO", "Private Equity",
                "Venture (Round not Specified)", "Other");
        maybePut(random, profile, "funding_total", markers, 25_000_000, 1.5e9, 750_000L, "$12M", "12.5m", "unknown", -1);
        maybePut(random, profile, "person_seniority", markers, "vp", "c_suite", "manager", "senior", "entry", "owner", "head");
        maybePut(random, profile, "news_headline", markers, "Acme opens a new hub in Rotterdam", "Atlas raises $20M Series A",
                "Is \"same-day\" delivery worth it?");
        maybePut(random, profile, "website_title", markers, "Acme - home");
        ProductInfo product = null;
        if (random.nextInt(5) > 0) {
            var name = random.nextInt(4) > 0 ? value(random, markers, List.of("Routewise", "Ledgerly", "Acme Cloud Suite")) : null;
            var vp = random.nextInt(4) > 0 ? value(random, markers, List.of(ROUTEWISE.valueProposition(), "Close the books 3x faster!",
                    "AI-powered route optimisation for logistics teams; no hardware needed, live in a week, cancel anytime")) : null;
            var icp = random.nextInt(4) > 0 ? value(random, markers, List.of(ROUTEWISE.icpDescription(), "CFOs at SaaS companies")) : null;
            product = new ProductInfo("p", string(name), string(vp), string(icp));
        }
        List<String> reasons = random.nextInt(3) == 0 ? null : Stream.generate(() -> string(value(random, markers,
                List.of("industry Computer Software matches Software", "company size 120 in 51-200", "region DE in EU",
                        "persona VP Operations matches", "ICP similarity 0.71", "industry unknown"))))
                .limit(random.nextInt(5)).toList();
        return new PersonalizationFacts(lead, profile, product, "hot", random.nextDouble() * 100,
                reasons == null ? null : new ArrayList<>(reasons), random.nextInt(4) == 0);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static final List<String> OPT_OUTS = List.of("Reply STOP to opt out", "STOP=stop", "Odpowiedz STOP, aby zrezygnować",
            "Antworte STOPP zum Abbestellen, 0,00 €", "Reply STOP to stop receiving these messages from us. Standard message and data"
                    + " rates may apply. For help reply HELP or visit our website for details on our privacy policy.");

    static ChannelSettings randomSettings(Random random) {
        var channels = new ArrayList<>(ChannelSettings.CHANNELS);
        java.util.Collections.shuffle(channels, random);
        var chosen = channels.subList(0, 1 + random.nextInt(channels.size()));
        int[] words = {20, 25, 40, 80, 150, 400};
        int[] chars = {100, 140, 300, 600, 8000};
        boolean optOut = random.nextInt(4) > 0;
        return new ChannelSettings(new ArrayList<>(chosen), words[random.nextInt(words.length)], chars[random.nextInt(chars.length)],
                optOut, optOut ? OPT_OUTS.get(random.nextInt(OPT_OUTS.size())) : null);
    }
}
