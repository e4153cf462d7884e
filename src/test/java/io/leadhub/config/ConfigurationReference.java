package io.leadhub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.TypeFilter;

/**
 * Renders docs/configuration.md: every leadhub.* property with its type, default and description, a table per
 * prefix. The properties come from the configuration processor's metadata
 * (target/classes/META-INF/spring-configuration-metadata.json). The processor lists a map or list of records as one
 * property; such a property is documented by its value record's components under an {@code <id>} (or
 * {@code [<n>]}) placeholder, as are the provider clients' options records (enrich/providers/&lt;type&gt;/*ProviderOptions),
 * which are bound from leadhub.providers.&lt;id&gt; at run time. Their descriptions come from the records' Javadoc
 * ({@link RecordJavadoc}), as the processor takes them, their defaults from {@code @DefaultValue}.
 */
public final class ConfigurationReference {

    static final String PROVIDER_OPTIONS_PACKAGE = "io.leadhub.enrich.providers";
    private static final Pattern COLLECTION_OF = Pattern.compile("java\\.util\\.(Map<java\\.lang\\.String,|List<)(io\\.leadhub\\.[\\w.$]+)>");

    /** One documented property. */
    record Property(String name, String type, String defaultValue, String description) {
    }

    /** A table: the prefix of its properties (and which provider type, for a client's options), what it configures, its rows. */
    record Section(String prefix, String qualifier, StringBuilder intro, List<Property> properties) {
    }

    private final JsonNode metadata;
    private final RecordJavadoc javadoc;
    private final Map<String, Section> sections = new TreeMap<>();

    public ConfigurationReference(JsonNode metadata, Path sources) {
        this.metadata = metadata;
        this.javadoc = new RecordJavadoc(sources);
        read();
    }

    public static ConfigurationReference of(Path metadataFile, Path sources, com.fasterxml.jackson.databind.ObjectMapper json) {
        try {
            return new ConfigurationReference(json.readTree(metadataFile.toFile()), sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented properties, in the page's order. */
    public List<Property> properties() {
        return sections.values().stream().flatMap(s -> s.properties().stream()).toList();
    }

    /** Names of the properties without a description. */
    public List<String> undocumented() {
        return properties().stream().filter(p -> p.description().isBlank()).map(Property::name).toList();
    }

    private void read() {
        var groups = new LinkedHashMap<String, List<JsonNode>>();
        metadata.path("groups").forEach(g -> groups.computeIfAbsent(g.path("name").asText(), k -> new ArrayList<>()).add(g));
        for (var property : metadata.path("properties")) {
            var name = property.path("name").asText();
            if (!name.startsWith("leadhub.")) {
                continue;
            }
            var type = property.path("type").asText("");
            var description = text(property.path("description").asText(""));
            var collection = COLLECTION_OF.matcher(type);
            if (collection.matches()) {
                expand(name + placeholder(collection.group(1)), load(collection.group(2)), description, "");
                continue;
            }
            var group = groupOf(name, groups.keySet());
            var section = section(group, "");
            var sourceType = property.path("sourceType").asText("");
            for (var g : groups.getOrDefault(group, List.of())) {
                // the group's record, once: a nested record's Javadoc, else what its enclosing record says of it
                if (g.path("type").asText().equals(sourceType) || g.has("sourceMethod") && g.path("sourceType").asText().equals(sourceType)) {
                    var record = load(g.path("type").asText());
                    var summary = javadoc.summary(record);
                    if (summary.isBlank() && g.has("sourceMethod")) {
                        summary = javadoc.params(load(g.path("sourceType").asText()))
                                .getOrDefault(g.path("sourceMethod").asText().replace("()", ""), "");
                    }
                    addIntro(section, summary);
                }
            }
            section.properties().add(new Property(name, simpleType(type), defaultValue(property.path("defaultValue")), description));
        }
        for (var options : providerOptions()) {
            var providerType = options.getPackageName().substring(PROVIDER_OPTIONS_PACKAGE.length() + 1);
            expand("leadhub.providers.<id>", options, "", "type " + providerType);
        }
        sections.values().forEach(s -> s.properties().sort(Comparator.comparing(Property::name)));
    }

    private static String placeholder(String collection) {
        return collection.startsWith("Map") ? ".<id>" : "[<n>]";
    }

    /** A record's components as properties under the prefix; a nested record gets a section of its own. */
    private void expand(String prefix, Class<?> record, String description, String qualifier) {
        var section = section(prefix, qualifier);
        addIntro(section, description);
        addIntro(section, javadoc.summary(record));
        var params = javadoc.params(record);
        var components = record.getRecordComponents();
        var constructorParameters = canonicalConstructor(record).getParameters();
        for (int i = 0; i < components.length; i++) {
            var component = components[i];
            var name = prefix + "." + kebab(component.getName());
            var text = text(params.getOrDefault(component.getName(), ""));
            var collection = COLLECTION_OF.matcher(component.getGenericType().getTypeName());
            if (isLeadhubRecord(component.getType())) {
                expand(name, component.getType(), text, "");
            } else if (collection.matches()) {
                expand(name + placeholder(collection.group(1)), load(collection.group(2)), text, "");
            } else {
                var defaults = constructorParameters[i].getAnnotation(DefaultValue.class);
                section.properties().add(new Property(name, simpleType(component.getGenericType()),
                        defaults == null ? "" : defaults(defaults), text));
            }
        }
    }

    /** Adds a sentence (or a few) to what the section says of itself, once. */
    private static void addIntro(Section section, String javadoc) {
        var text = text(javadoc);
        if (text.isEmpty()) {
            return;
        }
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
        if (section.intro().indexOf(text) < 0) {
            section.intro().append(section.intro().isEmpty() ? "" : " ").append(text);
        }
    }

    private Section section(String prefix, String qualifier) {
        return sections.computeIfAbsent(prefix + (qualifier.isEmpty() ? "" : " " + qualifier),
                k -> new Section(prefix, qualifier, new StringBuilder(), new ArrayList<>()));
    }

    /** The longest group name that prefixes the property's name. */
    private static String groupOf(String name, java.util.Collection<String> groups) {
        return groups.stream().filter(g -> name.startsWith(g + ".")).max(Comparator.comparingInt(String::length)).orElse("leadhub");
    }

    private static List<Class<?>> providerOptions() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        TypeFilter named = (reader, factory) -> reader.getClassMetadata().getClassName().endsWith("ProviderOptions");
        scanner.addIncludeFilter(named);
        return scanner.findCandidateComponents(PROVIDER_OPTIONS_PACKAGE).stream()
                .map(d -> load(d.getBeanClassName()))
                .filter(Class::isRecord)
                .sorted(Comparator.comparing(Class::getName))
                .collect(Collectors.toList());
    }

    private static boolean isLeadhubRecord(Class<?> type) {
        return type.isRecord() && type.getName().startsWith("io.leadhub.");
    }

    private static java.lang.reflect.Constructor<?> canonicalConstructor(Class<?> record) {
        try {
            return record.getDeclaredConstructor(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the metadata names " + name + ", which is not on the classpath", e);
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String defaults(DefaultValue defaults) {
        var values = defaults.value();
        return values.length == 0 ? "" : values.length == 1 ? values[0] : "[" + String.join(", ", values) + "]";
    }

    private static String defaultValue(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            var items = new ArrayList<String>();
            value.forEach(v -> items.add(v.asText()));
            return "[" + String.join(", ", items) + "]";
        }
        return value.asText();
    }

    private static final Map<String, String> PRIMITIVES = Map.of("java.lang.Integer", "int", "java.lang.Long", "long",
            "java.lang.Boolean", "boolean", "java.lang.Double", "double", "java.lang.Float", "float", "java.lang.Short", "short");

    /** java.util.Map&lt;java.lang.String,java.lang.String&gt; as Map&lt;String, String&gt;; boxed numbers as primitives. */
    static String simpleType(String type) {
        if (PRIMITIVES.containsKey(type)) {
            return PRIMITIVES.get(type);
        }
        return type.replaceAll("[\\w.]*\\.(\\w+)", "$1").replace("$", ".").replace(",", ", ");
    }

    private static String simpleType(Type type) {
        if (type instanceof Class<?> c) {
            return c.isPrimitive() ? c.getName() : simpleType(c.getName());
        }
        if (type instanceof ParameterizedType p) {
            return simpleType(p.getRawType()) + "<" + Arrays.stream(p.getActualTypeArguments()).map(ConfigurationReference::simpleType)
                    .collect(Collectors.joining(", ")) + ">";
        }
        return type.getTypeName();
    }

    /** Javadoc text on one line. */
    private static String text(String javadoc) {
        return javadoc.replaceAll("\\{@(?:link|linkplain|code) ([^}]*)}", "$1").replaceAll("\\s+", " ").strip();
    }

    /** The page. */
    public String markdown() {
        var out = new StringBuilder();
        out.append("""
                # Configuration reference

                <!-- Generated from the @ConfigurationProperties records by ConfigurationReferenceTest: do not edit by hand.
                     Refresh: mvn -o test -Dtest=ConfigurationReferenceTest -Dleadhub.docs.write=true -->

                Every property below can be set in `application.yaml` (or a `config/application.yaml` beside the jar), as an
                environment variable (`leadhub.ingest.default-region` is `LEADHUB_INGEST_DEFAULT_REGION`) or on the command
                line (`--leadhub.ingest.default-region=GB`). Durations take a unit (`500ms`, `10s`, `5m`, `30d`); without
                one they are milliseconds. `<id>` stands for a name you choose (a provider, a source, a webhook), `[<n>]` for
                a position in a list (`[0]`, `[1]`, ...).
                """);
        for (var section : sections.values()) {
            out.append("\n## `").append(section.prefix()).append('`')
                    .append(section.qualifier().isEmpty() ? "" : " (" + section.qualifier() + ")").append("\n\n");
            if (!section.intro().isEmpty()) {
                out.append(cell(section.intro().toString())).append("\n\n");
            }
            out.append("| Property | Type | Default | Description |\n|---|---|---|---|\n");
            for (var p : section.properties()) {
                out.append("| `").append(p.name()).append("` | ").append(cell(p.type())).append(" | ")
                        .append(p.defaultValue().isEmpty() ? "" : "`" + p.defaultValue().replace("`", "'") + "`")
                        .append(" | ").append(cell(p.description())).append(" |\n");
            }
        }
        return out.toString();
    }

    /** A table cell: no bar, and angle brackets as entities (the Javadoc already writes &amp;lt; and &amp;gt;). */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    public void write(Path file) {
        try {
            Files.writeString(file, markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
