package io.leadhub.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Rules as users write them: every condition kind, caps, negative points, tiers, and mistakes named by line. */
class RulesParserTest {

    private static final String RULES = """
            tiers:
              - name: hot
                min: 50
              - name: warm
                min: 20
              - name: cold
            categories:
              demographic: { cap: 12 }
            rules:
              - id: has-phone
                category: demographic
                field: phone
                exists: true
                points: 5
              - id: no-title
                category: demographic
                field: title
                exists: false
                points: -3
              - id: us
                category: firmographic
                field: country
                equals: us
                points: 4
              - id: saas-stack
                category: firmographic
                field: technologies
                in: [Salesforce, HubSpot]
                points: 6
              - id: mid-size
                category: firmographic
                field: company_employees
                range: { min: 50, max: 500 }
                points: 15
              - id: senior
                category: demographic
                field: title
                regex: "(?i)\\\\b(vp|chief|head)\\\\b"
                points: 10
              - id: robots
                category: fit
                field: company_description
                contains: robot
                points: 7
              - id: free-mail
                category: demographic
                field: free_mail
                equals: true
                points: -10
            activity:
              reply: { points: 20, half-life: 10d }
            """;

    private final RuleScorer scorer = new RuleScorer(null, java.time.Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), java.time.ZoneOffset.UTC));

    @Test
    void everyConditionKindFiresOnTheValueThatMakesItHold() {
        var rules = RulesParser.parse(RULES);
        var facts = Map.<String, Object>of("phone", "+14155550100", "country", "US", "technologies", List.of("Slack", "HubSpot"),
                "company_employees", "240", "company_description", "Autonomous mobile ROBOTS for warehouses", "free_mail", false);
        var card = scorer.score(rules, "default", facts, List.of());

        assertThat(card.fired()).extracting(f -> f.get("rule"))
                .containsExactly("has-phone", "no-title", "us", "saas-stack", "mid-size", "robots");
        assertThat(card.fired()).filteredOn(f -> f.get("rule").equals("saas-stack")).extracting(f -> f.get("value")).containsExactly("HubSpot");
        assertThat(card.fired()).filteredOn(f -> f.get("rule").equals("mid-size")).extracting(f -> f.get("value")).containsExactly("240");
        // demographic: 5 - 3 = 2; firmographic 4 + 6 + 15 = 25; fit 7
        assertThat(card.categories()).containsEntry("demographic", 2.0).containsEntry("firmographic", 25.0).containsEntry("fit", 7.0);
        assertThat(card.total()).isEqualTo(34.0);
        assertThat(card.tier()).isEqualTo("warm");
    }

    @Test
    void aCategoryCapLimitsItsPointsAndNegativePointsCount() {
        var rules = RulesParser.parse(RULES);
        var senior = scorer.score(rules, "default", Map.of("phone", "+1", "title", "VP Sales", "free_mail", true), List.of());
        // demographic raw: 5 + 10 - 10 = 5 (under the cap of 12)
        assertThat(senior.categories()).containsEntry("demographic", 5.0);
        var capped = scorer.score(rules, "default", Map.of("phone", "+1", "title", "Chief of Staff"), List.of());
        // 5 + 10 = 15, capped at 12
        assertThat(capped.categories()).containsEntry("demographic", 12.0);
        assertThat(capped.total()).isEqualTo(12.0);
        assertThat(capped.tier()).isEqualTo("cold");
    }

    @Test
    void activityDecaysByHalfEveryHalfLife() {
        var rules = RulesParser.parse(RULES);
        var now = Instant.parse("2026-11-23T00:00:00Z");
        var fresh = scorer.score(rules, "default", Map.of(), List.of(new ActivityDecay.Event("reply", now)));
        var tenDays = scorer.score(rules, "default", Map.of(), List.of(new ActivityDecay.Event("reply", now.minus(Duration.ofDays(10)))));
        var twentyDays = scorer.score(rules, "default", Map.of(), List.of(new ActivityDecay.Event("reply", now.minus(Duration.ofDays(20)))));
        assertThat(fresh.categories()).containsEntry("behavioural", 20.0);
        assertThat(tenDays.categories()).containsEntry("behavioural", 10.0);
        assertThat(twentyDays.categories()).containsEntry("behavioural", 5.0);

        var metrics = ActivityDecay.metrics(List.of(new ActivityDecay.Event("reply", now.minus(Duration.ofDays(10))),
                new ActivityDecay.Event("reply", now.minus(Duration.ofDays(2)))), rules.activity(), now);
        assertThat(metrics).containsEntry("activity.reply.count", 2).containsEntry("activity.reply.days_since_last", 2.0);
    }

    @Test
    void mistakesAreRefusedWithTheirLineAndReason() {
        var broken = """
                tiers:
                  - name: hot
                    min: 10
                  - name: warm
                    min: 40
                rules:
                  - id: a
                    field: title
                    regex: "(unclosed"
                    points: 5
                  - id: b
                    field: phone
                    exists: true
                    equals: 3
                    points: 2
                  - id: c
                    field: company_employees
                    range: { min: 500, max: 50 }
                    points: ten
                  - id: a
                    field: country
                    equals: US
                    points: 1
                activity:
                  reply: { points: 5, half-life: fortnight }
                """;
        assertThatThrownBy(() -> RulesParser.parse(broken))
                .isInstanceOfSatisfying(RulesParser.InvalidRulesException.class, e -> assertThat(e.errors()).anySatisfy(
                                m -> assertThat(m).startsWith("line 9:").contains("regex does not compile"))
                        .anySatisfy(m -> assertThat(m).startsWith("line 11:").contains("exactly one condition"))
                        .anySatisfy(m -> assertThat(m).startsWith("line 18:").contains("min 500.0 is above max 50.0"))
                        .anySatisfy(m -> assertThat(m).startsWith("line 19:").contains("points must be a number, not 'ten'"))
                        .anySatisfy(m -> assertThat(m).contains("rule id 'a' is used twice"))
                        .anySatisfy(m -> assertThat(m).contains("tiers must go from the highest min down"))
                        .anySatisfy(m -> assertThat(m).startsWith("line 25:").contains("half-life 'fortnight' is not a duration")));
        assertThatThrownBy(() -> RulesParser.parse("rules: [ {id: x"))
                .isInstanceOfSatisfying(RulesParser.InvalidRulesException.class, e -> assertThat(e.errors().get(0)).contains("not valid YAML"));
    }

    @Test
    void regexesTheLinearTimeEngineCannotRunAreRefusedAtTheirLine() {
        var rules = """
                rules:
                  - id: repeated
                    field: title
                    regex: "(a)\\\\1"
                    points: 5
                  - id: lookahead
                    field: title
                    regex: "(?=x)vp"
                    points: 5
                  - id: fine
                    field: title
                    regex: "(?i)\\\\bvp\\\\b"
                    points: 5
                """;
        assertThatThrownBy(() -> RulesParser.parse(rules))
                .isInstanceOfSatisfying(RulesParser.InvalidRulesException.class, e -> assertThat(e.errors()).hasSize(2)
                        .anySatisfy(m -> assertThat(m).startsWith("line 4: rule 'repeated'").contains("backreferences"))
                        .anySatisfy(m -> assertThat(m).startsWith("line 8: rule 'lookahead'").contains("lookaround")));
        // linear in the input, but a million steps per character: refused too
        assertThatThrownBy(() -> RulesParser.parse("rules:\n  - id: huge\n    field: title\n    regex: '((.{0,1000}){1000})b'\n    points: 1\n"))
                .isInstanceOfSatisfying(RulesParser.InvalidRulesException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(m -> assertThat(m).startsWith("line 4: rule 'huge'").contains("too large")));
        assertThat(RulesParser.parse("rules:\n  - id: ok\n    field: phone\n    regex: '^\\+?\\d{1,3}[ -]?\\d{2,4}(,\\d*)?a{x}$'\n    points: 1\n").rules()).hasSize(1);
    }

    @Test
    void aCatastrophicRegexRunsInLinearTime() {
        var rules = RulesParser.parse("""
                rules:
                  - id: evil
                    field: title
                    regex: "(.*a){25}$"
                    points: 5
                """);
        // java.util.regex backtracks for ever on this; a linear-time engine answers at once
        var match = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> rules.rules().get(0).condition().match("a".repeat(5_000) + "b"));
        assertThat(match).isEmpty();
        assertThat(rules.rules().get(0).condition().match("xa".repeat(30))).isPresent();
    }

    @Test
    void theShippedDefaultsRead() throws Exception {
        var text = new String(getClass().getResourceAsStream("/scoring/default-rules.yaml").readAllBytes());
        var rules = RulesParser.parse(text);
        assertThat(rules.tiers()).extracting(ScoringRules.Tier::name).containsExactly("hot", "warm", "cold");
        assertThat(rules.handsOff("hot")).isTrue();
        assertThat(rules.handsOff("warm")).isTrue();
        assertThat(rules.handsOff("cold")).isFalse();
        assertThat(rules.rules()).extracting(ScoringRules.Rule::id).contains("has-company", "senior-title", "free-mail", "referral-source");
    }
}
