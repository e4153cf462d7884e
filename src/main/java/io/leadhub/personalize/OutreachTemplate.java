package io.leadhub.personalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadhub.personalize.Draft.Piece;

/**
 * One outreach template file, parsed and checked once (src/main/resources/outreach/README.md describes the format).
 * A file is made of sections ({@code [body]}, {@code [phrase pain]}, {@code [list why]}); a section of groups, each
 * opened by a header ({@code required <block> <priority>}, {@code optional <block> <priority>}, {@code item}) or,
 * for a section of one group, by its first alternative; a group of alternatives, one per line ({@code - text}),
 * richest first. An alternative is offered only when each of its placeholders has a value: {@code {{name}}} prints
 * the value, {@code {{name|filter}}} a form of it (possessive, sentence, capitalized), {@code {{?name}}} prints
 * nothing but needs the value, and {@code {{list|n}}} prints a list's first n items (not offered with fewer).
 *
 * <p>Values are put in as they are, never read again: a value that looks like a placeholder stays text. A name
 * that is neither a known value nor a phrase or list defined above its use is refused when the file is read,
 * with the file and line, like any other mistake in it.
 */
final class OutreachTemplate {

    /** What the writer does with a section: fit it as a text, take its items, or take one of its alternatives. */
    enum Shape { DRAFT, ITEMS, ONE_OF }

    enum Kind { REQUIRED, OPTIONAL, ITEM, ONE_OF }

    static final Set<String> FILTERS = Set.of("possessive", "sentence", "capitalized");

    private static final Pattern SECTION = Pattern.compile("\\[\\s*(?:(phrase|list)\\s+)?([a-z][a-z0-9_]*)\\s*]");
    private static final Pattern PART = Pattern.compile("(required|optional)\\s+(\\d{1,2})\\s+(\\d{1,2})");
    private static final Pattern SLOT = Pattern.compile("\\s*(\\?)?\\s*([a-z][a-z0-9_]*)\\s*((?:\\|\\s*[a-z0-9]+\\s*)*)");

    /** A placeholder: the value's name, whether it only guards the line, the filters and a list's count (0: all). */
    record Slot(String name, boolean guard, List<String> filters, int count) {
    }

    /** An alternative: literal strings and slots in a row. */
    record Line(int number, List<Object> bits) {
    }

    record Group(Kind kind, int block, int priority, List<Line> alternatives) {
    }

    /** A section; type is "text" (the writer's), "phrase" or "list". */
    record Section(String type, String name, int line, List<Group> groups) {
    }

    private final String source;
    private final Map<String, Section> sections;

    private OutreachTemplate(String source, Map<String, Section> sections) {
        this.source = source;
        this.sections = sections;
    }

    String source() {
        return source;
    }

    /**
     * The file's text parsed and checked: each of the expected sections there in its shape, no other text section,
     * every placeholder known. source names the file in error messages.
     */
    static OutreachTemplate parse(String source, String text, Map<String, Shape> expected, Set<String> values) {
        var sections = new LinkedHashMap<String, Section>();
        var defined = new LinkedHashMap<String, String>(); // phrase or list name -> its type
        Section section = null;
        Group group = null;
        var lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            var line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var header = SECTION.matcher(line);
            var part = PART.matcher(line);
            if (header.matches()) {
                if (section != null && !section.type().equals("text")) {
                    defined.put(section.name(), section.type()); // usable below its own section, never inside it
                }
                var type = header.group(1) == null ? "text" : header.group(1);
                var name = header.group(2);
                if (sections.containsKey(name) || (!type.equals("text") && values.contains(name))) {
                    throw error(source, number, "\"" + name + "\" is defined twice (or is the name of a value)");
                }
                if (type.equals("text") && !expected.containsKey(name)) {
                    throw error(source, number, "unknown section [" + name + "] (expected: " + String.join(", ", expected.keySet())
                            + "; a phrase is [phrase name], a list [list name])");
                }
                section = new Section(type, name, number, new ArrayList<>());
                sections.put(name, section);
                group = null;
            } else if (section == null) {
                throw error(source, number, "text before the first [section]");
            } else if (part.matches() || line.equals("item")) {
                var kind = line.equals("item") ? Kind.ITEM : Kind.valueOf(part.group(1).toUpperCase(java.util.Locale.ROOT));
                var allowed = allowed(section, expected);
                if (kind != allowed && !(allowed == Kind.REQUIRED && kind == Kind.OPTIONAL)) {
                    throw error(source, number, "\"" + line + "\" in [" + section.name() + "], which takes "
                            + (allowed == Kind.ONE_OF ? "alternatives only (\"- text\")" : allowed == Kind.ITEM ? "\"item\" groups"
                            : "\"required <block> <priority>\" or \"optional <block> <priority>\" parts"));
                }
                group = kind == Kind.ITEM ? new Group(kind, 0, 0, new ArrayList<>())
                        : new Group(kind, Integer.parseInt(part.group(2)), Integer.parseInt(part.group(3)), new ArrayList<>());
                section.groups().add(group);
            } else if (line.startsWith("- ") || line.equals("-")) {
                if (group == null) {
                    if (allowed(section, expected) != Kind.ONE_OF) {
                        throw error(source, number, "an alternative before the first group header of [" + section.name() + "]");
                    }
                    group = new Group(Kind.ONE_OF, 0, 0, new ArrayList<>());
                    section.groups().add(group);
                }
                group.alternatives().add(new Line(number, bits(source, number, line.substring(1).strip(), values, defined)));
            } else {
                throw error(source, number, "not a [section], a group header (required/optional <block> <priority>, item), "
                        + "an alternative (\"- text\") or a # comment: " + line);
            }
        }
        for (var s : sections.values()) {
            if (s.groups().isEmpty() || s.groups().stream().anyMatch(g -> g.alternatives().isEmpty())) {
                throw error(source, s.line(), "[" + s.name() + "] has a group without alternatives");
            }
            if (expected.get(s.name()) == Shape.DRAFT) {
                for (var g : s.groups()) {
                    var plainest = g.alternatives().get(g.alternatives().size() - 1);
                    if (g.kind() == Kind.REQUIRED && plainest.bits().stream().anyMatch(Slot.class::isInstance)) {
                        throw error(source, plainest.number(), "the last alternative of a required part must need no value, "
                                + "so that a text can always be written");
                    }
                }
            }
        }
        for (var name : expected.keySet()) {
            if (!sections.containsKey(name)) {
                throw error(source, 0, "the section [" + name + "] is missing");
            }
        }
        return new OutreachTemplate(source, Map.copyOf(sections));
    }

    private static Kind allowed(Section section, Map<String, Shape> expected) {
        if (section.type().equals("phrase")) {
            return Kind.ONE_OF;
        }
        if (section.type().equals("list")) {
            return Kind.ITEM;
        }
        return switch (expected.get(section.name())) {
            case DRAFT -> Kind.REQUIRED; // or OPTIONAL
            case ITEMS -> Kind.ITEM;
            case ONE_OF -> Kind.ONE_OF;
        };
    }

    /** An alternative's text as literal strings and slots; placeholders checked against the known names. */
    private static List<Object> bits(String source, int number, String text, Set<String> values, Map<String, String> defined) {
        var bits = new ArrayList<Object>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            int stray = text.indexOf("}}", at);
            if (stray >= 0 && (open < 0 || stray < open)) {
                throw error(source, number, "\"}}\" without \"{{\"");
            }
            if (open < 0) {
                bits.add(text.substring(at));
                break;
            }
            if (open > at) {
                bits.add(text.substring(at, open));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw error(source, number, "\"{{\" without \"}}\"");
            }
            bits.add(slot(source, number, text.substring(open, close + 2), values, defined));
            at = close + 2;
        }
        return List.copyOf(bits);
    }

    private static Slot slot(String source, int number, String placeholder, Set<String> values, Map<String, String> defined) {
        var m = SLOT.matcher(placeholder.substring(2, placeholder.length() - 2));
        if (!m.matches()) {
            throw error(source, number, "not a placeholder: " + placeholder + " (write {{name}}, {{name|filter}} or {{?name}})");
        }
        var name = m.group(2);
        boolean guard = m.group(1) != null;
        var type = values.contains(name) ? "value" : defined.get(name);
        if (type == null) {
            throw error(source, number, "unknown placeholder " + placeholder + " (known: " + String.join(", ", values.stream().sorted().toList())
                    + (defined.isEmpty() ? "" : "; defined above: " + String.join(", ", defined.keySet())) + ")");
        }
        var filters = new ArrayList<String>();
        int count = 0;
        for (var f : m.group(3).split("\\|")) {
            var filter = f.strip();
            if (filter.isEmpty()) {
                continue;
            }
            if (filter.matches("\\d+") && type.equals("list") && count == 0 && Integer.parseInt(filter) > 0) {
                count = Integer.parseInt(filter);
            } else if (FILTERS.contains(filter)) {
                filters.add(filter);
            } else {
                throw error(source, number, "unknown filter \"" + filter + "\" in " + placeholder + " (known: "
                        + String.join(", ", FILTERS.stream().sorted().toList()) + "; a number only after a list)");
            }
        }
        if (guard && (!filters.isEmpty() || count > 0)) {
            throw error(source, number, placeholder + ": a {{?name}} prints nothing, so it takes no filter");
        }
        return new Slot(name, guard, List.copyOf(filters), count);
    }

    private static IllegalArgumentException error(String source, int line, String message) {
        return new IllegalArgumentException("outreach template " + source + (line > 0 ? ", line " + line : "") + ": " + message);
    }

    // --- rendering ---

    /** The values one text is written from, with the file's phrases and lists worked out once each. */
    final class Scope {

        private final Map<String, Fact> values;
        private final Map<String, java.util.Optional<Fact>> phrases = new LinkedHashMap<>();
        private final Map<String, List<Fact>> lists = new LinkedHashMap<>();

        Scope(Map<String, Fact> values) {
            this.values = values;
        }

        /** The parts of a DRAFT section, in a draft. */
        Draft draft(String section) {
            var draft = new Draft();
            for (var group : sections.get(section).groups()) {
                var pieces = group.alternatives().stream().map(this::piece).toArray(Piece[]::new);
                if (group.kind() == Kind.REQUIRED) {
                    draft.required(group.block(), group.priority(), pieces);
                } else {
                    draft.optional(group.block(), group.priority(), pieces);
                }
            }
            return draft;
        }

        /** Each item of an ITEMS section: its first alternative that has its values, or null when none has. */
        List<Piece> items(String section) {
            var out = new ArrayList<Piece>();
            for (var group : sections.get(section).groups()) {
                out.add(first(group));
            }
            return out;
        }

        /** The alternatives of a ONE_OF section that have their values, richest first. */
        List<Piece> alternatives(String section) {
            return sections.get(section).groups().get(0).alternatives().stream().map(this::piece)
                    .filter(java.util.Objects::nonNull).toList();
        }

        /** The first alternative of a ONE_OF section that has its values, or null. */
        Piece first(String section) {
            return first(sections.get(section).groups().get(0));
        }

        private Piece first(Group group) {
            for (var line : group.alternatives()) {
                var piece = piece(line);
                if (piece != null) {
                    return piece;
                }
            }
            return null;
        }

        /** The line with its values in, or null when one is missing. */
        private Piece piece(Line line) {
            var bits = new Object[line.bits().size()];
            for (int i = 0; i < bits.length; i++) {
                var bit = line.bits().get(i);
                if (bit instanceof Slot slot) {
                    var value = value(slot);
                    if (value == null) {
                        return null;
                    }
                    bits[i] = slot.guard() ? new Fact("", value.fields()) : value;
                } else {
                    bits[i] = bit;
                }
            }
            return Piece.of(bits);
        }

        private Fact value(Slot slot) {
            Fact value;
            var section = sections.get(slot.name());
            if (section == null || section.type().equals("text")) {
                value = values.get(slot.name());
            } else if (section.type().equals("phrase")) {
                value = phrases.computeIfAbsent(slot.name(), n -> java.util.Optional.ofNullable(first(section.groups().get(0)))
                        .map(p -> new Fact(p.text(), p.fields()))).orElse(null);
            } else {
                var items = lists.computeIfAbsent(slot.name(), n -> section.groups().stream().map(this::first)
                        .filter(java.util.Objects::nonNull).map(p -> new Fact(p.text(), p.fields())).toList());
                int n = slot.count() == 0 ? items.size() : slot.count();
                value = items.isEmpty() || items.size() < n ? null : Fact.joined(items.subList(0, n), "; ");
            }
            for (var filter : slot.filters()) {
                if (value == null) {
                    break;
                }
                value = switch (filter) {
                    case "possessive" -> value.possessive();
                    case "sentence" -> value.sentence();
                    default -> value.capitalized();
                };
            }
            return value;
        }
    }

    Scope with(Map<String, Fact> values) {
        return new Scope(values);
    }
}
