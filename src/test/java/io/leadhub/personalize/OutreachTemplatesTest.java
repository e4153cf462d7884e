package io.leadhub.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.leadhub.config.BoundProperties;
import io.leadhub.personalize.OutreachTemplate.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

/** The outreach copy as files: overrides, values put in literally, mistakes refused with the file and line. */
class OutreachTemplatesTest {

    @TempDir
    Path dir;

    private final ChannelSettings defaults = ChannelSettings.defaults();

    private static String shipped(String file) throws Exception {
        return new ClassPathResource("outreach/" + file).getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void anOverrideFileReplacesTheShippedCopyOfItsChannelAndToneOnly() throws Exception {
        Files.writeString(dir.resolve("sms-direct.txt"), """
                # our own words
                [body]
                required 0 0
                - Ahoy {{first_name}}, {{product}} here.
                - Ahoy.
                """);
        var properties = BoundProperties.of(PersonalizationProperties.class, "templates-dir", dir.toString());
        var overridden = new TemplateWriter(new OutreachTemplates(properties)).write(TemplateWriterTest.rich(false), defaults);
        var shipped = new TemplateWriter().write(TemplateWriterTest.rich(false), defaults);

        assertThat(TemplateWriterTest.message(overridden, "sms", "direct").body()).isEqualTo("Ahoy Jane, Routewise here. Reply STOP to opt out");
        assertThat(TemplateWriterTest.message(shipped, "sms", "direct").body()).doesNotContain("Ahoy");
        for (var channel : ChannelSettings.CHANNELS) {
            for (var tone : ChannelSettings.TONES) {
                if (!(channel.equals("sms") && tone.equals("direct"))) {
                    assertThat(TemplateWriterTest.message(overridden, channel, tone)).isEqualTo(TemplateWriterTest.message(shipped, channel, tone));
                }
            }
        }
        assertThat(new OutreachLimits().problems(overridden, defaults, false)).isEmpty();
    }

    @Test
    void aFolderWithoutTheFileOrNoFolderAtAllMeansTheShippedCopy() {
        var none = new TemplateWriter(new OutreachTemplates(dir.resolve("missing"))).write(TemplateWriterTest.rich(false), defaults);

        assertThat(none).isEqualTo(new TemplateWriter().write(TemplateWriterTest.rich(false), defaults));
    }

    @Test
    void aFilledValueIsNeverReadAgainHowEverItLooks() {
        var template = OutreachTemplate.parse("test.txt", """
                [body]
                required 0 0
                - Hi {{first_name}}, from {{company|possessive}} team.
                - Hi.
                """, Map.of("body", Shape.DRAFT), Set.of("first_name", "company"));
        var values = Map.of("first_name", Fact.of("{{company}}", "first_name"), "company", Fact.of("<script>alert(1)</script> {{?first_name}}", "company_name"));

        var text = template.with(values).draft("body").fit(" ", t -> true).orElseThrow();

        assertThat(text.text()).isEqualTo("Hi {{company}}, from <script>alert(1)</script> {{?first_name}}'s team.");
        assertThat(text.fields()).containsExactly("first_name", "company_name");
    }

    @Test
    void aLineIsOfferedOnlyWhenEachOfItsValuesIsKnownAndAGuardPrintsNothing() {
        var template = OutreachTemplate.parse("test.txt", """
                [phrase pain]
                - every hour counts{{?size_small}}
                [list why]
                item
                - the recent {{round}}
                item
                - a team of {{size}}
                [body]
                required 0 0
                - Hi {{first_name}}!
                - Hi!
                optional 0 1
                - Why you: {{why|2}}; so {{pain}}.
                - Why you: {{why|1}}.
                """, Map.of("body", Shape.DRAFT), TemplateValues.NAMES);
        var small = Map.of("size", Fact.of("about 7 people", "company_employees"), "size_small", new Fact("", Set.of("company_employees")),
                "round", Fact.of("seed round", "funding_stage"));

        assertThat(template.with(Map.of()).draft("body").fit(" ", t -> true).orElseThrow().text()).isEqualTo("Hi!");
        assertThat(template.with(small).draft("body").fit(" ", t -> true).orElseThrow().text())
                .isEqualTo("Hi! Why you: the recent seed round; a team of about 7 people; so every hour counts.");
        assertThat(template.with(Map.of("round", Fact.of("seed round", "funding_stage"))).draft("body").fit(" ", t -> true).orElseThrow().text())
                .isEqualTo("Hi! Why you: the recent seed round.");
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderIsRefusedWithItsFileAndLine() throws Exception {
        var text = shipped("email-direct.txt").replace("- {{first_name}},", "- {{frist_name}},");
        Files.writeString(dir.resolve("email-direct.txt"), text);
        int line = text.lines().toList().indexOf("- {{frist_name}},") + 1;

        assertThatThrownBy(() -> new OutreachTemplates(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("email-direct.txt").toString())
                .hasMessageContaining("line " + line + ": unknown placeholder {{frist_name}}");
    }

    @Test
    void otherMistakesAreRefusedWithTheLineToo() {
        var expected = Map.of("body", Shape.DRAFT);
        var values = Set.of("first_name");
        assertThatThrownBy(() -> OutreachTemplate.parse("t.txt", "[body]\nrequired 0 0\n- Hi {{first_name|loud}}\n", expected, values))
                .hasMessage("outreach template t.txt, line 3: unknown filter \"loud\" in {{first_name|loud}} (known: capitalized, "
                        + "possessive, sentence; a number only after a list)");
        assertThatThrownBy(() -> OutreachTemplate.parse("t.txt", "[body]\nrequired 0 0\n- Hi {{first_name}\n", expected, values))
                .hasMessageContaining("line 3: \"{{\" without \"}}\"");
        assertThatThrownBy(() -> OutreachTemplate.parse("t.txt", "[body]\nrequired 0 0\n- Hi {{first_name}}\n", expected, values))
                .hasMessageContaining("line 3: the last alternative of a required part must need no value");
        assertThatThrownBy(() -> OutreachTemplate.parse("t.txt", "[bdy]\nrequired 0 0\n- Hi\n", expected, values))
                .hasMessageContaining("line 1: unknown section [bdy]");
        assertThatThrownBy(() -> OutreachTemplate.parse("t.txt", "# nothing\n", expected, values))
                .hasMessage("outreach template t.txt: the section [body] is missing");
        assertThatThrownBy(() -> OutreachTemplate.parse("t.txt", "[body]\nitem\n- Hi\n", expected, values))
                .hasMessageContaining("line 2: \"item\" in [body], which takes \"required <block> <priority>\"");
        assertThatThrownBy(() -> OutreachTemplate.parse("t.txt", "[phrase p]\n- a {{p}}\n[body]\nrequired 0 0\n- Hi\n", expected, values))
                .as("a phrase cannot use itself").hasMessageContaining("line 2: unknown placeholder {{p}}");
        assertThatThrownBy(() -> OutreachTemplate.parse("t.txt", "[body]\nrequired 0 0\n- Hi {{first_name|2}}\n- Hi\n", expected, values))
                .as("a count is for lists").hasMessageContaining("line 3: unknown filter \"2\"");
    }
}
