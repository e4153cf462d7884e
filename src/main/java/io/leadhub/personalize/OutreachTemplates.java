package io.leadhub.personalize;

import static io.leadhub.personalize.OutreachTemplate.Shape.DRAFT;
import static io.leadhub.personalize.OutreachTemplate.Shape.ITEMS;
import static io.leadhub.personalize.OutreachTemplate.Shape.ONE_OF;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.leadhub.personalize.OutreachTemplate.Shape;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The template writer's copy: the files of src/main/resources/outreach, one per channel and tone
 * ({@code email-professional.txt}, ...) plus {@code call_script.txt} and {@code insight.txt}, each replaced by a
 * file of the same name in leadhub.personalization.templates-dir. All are read and checked when the application
 * starts, so that a mistake in an override stops it with the file and line instead of failing lead after lead:
 * the template writer is the fallback and must always be able to write.
 */
@Component
public class OutreachTemplates {

    static final String CALL_SCRIPT = "call_script";
    static final String INSIGHT = "insight";

    private final Map<String, OutreachTemplate> templates = new LinkedHashMap<>();

    @Autowired
    public OutreachTemplates(PersonalizationProperties personalization) {
        this(personalization.templatesDir());
    }

    /** overrides: the folder whose files replace the shipped ones; null: the shipped ones only. */
    OutreachTemplates(Path overrides) {
        for (var entry : expected().entrySet()) {
            var file = entry.getKey() + ".txt";
            var override = overrides == null ? null : overrides.resolve(file);
            try {
                String source;
                String text;
                if (override != null && Files.isRegularFile(override)) {
                    source = override.toString();
                    text = Files.readString(override, StandardCharsets.UTF_8);
                } else {
                    source = "outreach/" + file;
                    text = new ClassPathResource("outreach/" + file).getContentAsString(StandardCharsets.UTF_8);
                }
                templates.put(entry.getKey(), OutreachTemplate.parse(source, text, entry.getValue(), TemplateValues.NAMES));
            } catch (IOException e) {
                throw new UncheckedIOException("outreach template " + file + " cannot be read", e);
            }
        }
    }

    /** The shipped templates, without overrides. */
    static OutreachTemplates shipped() {
        return new OutreachTemplates((Path) null);
    }

    /** A channel's template for a tone. */
    OutreachTemplate message(String channel, String tone) {
        return templates.get(channel + "-" + tone);
    }

    OutreachTemplate callScript() {
        return templates.get(CALL_SCRIPT);
    }

    OutreachTemplate insight() {
        return templates.get(INSIGHT);
    }

    /** Each file (without .txt) and the sections the writer takes from it. */
    static Map<String, Map<String, Shape>> expected() {
        var out = new LinkedHashMap<String, Map<String, Shape>>();
        for (var channel : ChannelSettings.CHANNELS) {
            for (var tone : ChannelSettings.TONES) {
                out.put(channel + "-" + tone, ChannelSettings.EMAIL.equals(channel) ? ordered("subject", DRAFT, "body", DRAFT)
                        : ordered("body", DRAFT));
            }
        }
        var script = ordered("opener", DRAFT, "questions_about_them", ITEMS, "questions", ITEMS);
        for (var objection : OutreachLimits.OBJECTIONS) {
            script.put("objection_" + objection, ONE_OF);
        }
        out.put(CALL_SCRIPT, script);
        out.put(INSIGHT, ordered("pain_points", ITEMS, "pain_points_fallback", ONE_OF, "value_gains", ITEMS,
                "value_gains_fallback", ONE_OF, "key_messages", ITEMS));
        return out;
    }

    private static Map<String, Shape> ordered(Object... namesAndShapes) {
        var map = new LinkedHashMap<String, Shape>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            map.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
        }
        return map;
    }
}
