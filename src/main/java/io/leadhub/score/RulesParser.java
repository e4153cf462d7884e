package io.leadhub.score;

import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads scoring rules from YAML and checks them, so that a mistake is refused with its line and a reason the
 * user can act on (every mistake at once, not the first only). The YAML node tree is read instead of binding to
 * classes because only the nodes know their line numbers.
 */
public final class RulesParser {

    static final Set<String> CONDITIONS = Set.of("exists", "equals", "in", "range", "regex", "contains");
    private static final Set<String> RULE_KEYS = Set.of("id", "category", "field", "points", "exists", "equals", "in",
            "range", "regex", "contains", "description");
    private static final Set<String> TOP_KEYS = Set.of("tiers", "categories", "rules", "activity", "activity-category", "hand-off");

    /** The rules could not be read; each error names its line. */
    public static final class InvalidRulesException extends RuntimeException {
        private final List<String> errors;

        public InvalidRulesException(List<String> errors) {
            super("invalid scoring rules: " + String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() {
            return errors;
        }
    }

    private final List<String> errors = new ArrayList<>();

    private RulesParser() {
    }

    public static ScoringRules parse(String yaml) {
        return new RulesParser().read(yaml);
    }

    private ScoringRules read(String yaml) {
        Node root;
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(new StringReader(yaml == null ? "" : yaml));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new InvalidRulesException(List.of("line " + (mark == null ? "?" : mark.getLine() + 1) + ": not valid YAML: " + e.getProblem()));
        } catch (RuntimeException e) {
            throw new InvalidRulesException(List.of("not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof MappingNode top)) {
            throw new InvalidRulesException(List.of("line 1: the rules must be a mapping with 'rules', 'tiers', 'categories', 'activity'"));
        }
        var fields = mapping(top);
        fields.forEach((key, tuple) -> {
            if (!TOP_KEYS.contains(key)) {
                error(tuple.getKeyNode(), "unknown key '" + key + "' (known: " + TOP_KEYS + ")");
            }
        });
        var tiers = tiers(fields.get("tiers"));
        var caps = categories(fields.get("categories"));
        var rules = rules(fields.get("rules"));
        var activity = activity(fields.get("activity"));
        var activityCategory = fields.containsKey("activity-category") ? scalar(fields.get("activity-category").getValueNode(), "activity-category") : "behavioural";
        String handoff = null;
        if (fields.containsKey("hand-off")) {
            var node = fields.get("hand-off").getValueNode();
            handoff = scalar(node, "hand-off");
            var named = handoff;
            if (named != null && !tiers.isEmpty() && tiers.stream().noneMatch(t -> t.name().equals(named))) {
                error(node, "hand-off '" + named + "' is not one of the tiers " + tiers.stream().map(ScoringRules.Tier::name).toList());
            }
        } else if (!tiers.isEmpty()) {
            handoff = tiers.get(Math.min(1, tiers.size() - 1)).name(); // the second tier: warm in hot/warm/cold
        }
        if (!errors.isEmpty()) {
            throw new InvalidRulesException(errors);
        }
        return new ScoringRules(0, tiers, caps, rules, activity, activityCategory, handoff);
    }

    private List<ScoringRules.Tier> tiers(NodeTuple tuple) {
        if (tuple == null) {
            return List.of(new ScoringRules.Tier("hot", 60), new ScoringRules.Tier("warm", 30),
                    new ScoringRules.Tier("cold", Double.NEGATIVE_INFINITY));
        }
        var tiers = new ArrayList<ScoringRules.Tier>();
        var names = new LinkedHashSet<String>();
        for (var node : sequence(tuple.getValueNode(), "tiers")) {
            var tier = mapping(node, "a tier");
            var name = required(node, tier, "name");
            Double min = tier.containsKey("min") ? number(tier.get("min").getValueNode(), "min") : Double.valueOf(Double.NEGATIVE_INFINITY);
            if (name != null && !names.add(name)) {
                error(node, "tier '" + name + "' is defined twice");
            }
            if (name != null && min != null) {
                tiers.add(new ScoringRules.Tier(name, min));
            }
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).min() >= tiers.get(i - 1).min()) {
                error(tuple.getValueNode(), "tiers must go from the highest min down: '" + tiers.get(i).name()
                        + "' (min " + tiers.get(i).min() + ") comes after '" + tiers.get(i - 1).name() + "' (min " + tiers.get(i - 1).min() + ")");
            }
        }
        if (tiers.isEmpty()) {
            error(tuple.getValueNode(), "at least one tier is needed");
        }
        return tiers;
    }

    private Map<String, Double> categories(NodeTuple tuple) {
        var caps = new LinkedHashMap<String, Double>();
        if (tuple == null) {
            return caps;
        }
        mapping(tuple.getValueNode(), "categories").forEach((name, category) -> {
            var settings = mapping(category.getValueNode(), "category '" + name + "'");
            if (settings.containsKey("cap")) {
                var cap = number(settings.get("cap").getValueNode(), "cap");
                if (cap != null) {
                    caps.put(name, cap);
                }
            }
        });
        return caps;
    }

    private List<ScoringRules.Rule> rules(NodeTuple tuple) {
        var rules = new ArrayList<ScoringRules.Rule>();
        if (tuple == null) {
            return rules;
        }
        var ids = new LinkedHashSet<String>();
        int index = 0;
        for (var node : sequence(tuple.getValueNode(), "rules")) {
            index++;
            var rule = mapping(node, "a rule");
            rule.forEach((key, t) -> {
                if (!RULE_KEYS.contains(key)) {
                    error(t.getKeyNode(), "unknown key '" + key + "' in a rule (a rule has id, category, field, points and one of " + CONDITIONS + ")");
                }
            });
            var id = rule.containsKey("id") ? scalar(rule.get("id").getValueNode(), "id") : "rule-" + index;
            if (id != null && !ids.add(id)) {
                error(node, "rule id '" + id + "' is used twice");
            }
            var field = required(node, rule, "field");
            var category = rule.containsKey("category") ? scalar(rule.get("category").getValueNode(), "category") : "other";
            var points = rule.containsKey("points") ? number(rule.get("points").getValueNode(), "points") : null;
            if (!rule.containsKey("points")) {
                error(node, "rule '" + id + "' has no points");
            }
            var kinds = rule.keySet().stream().filter(CONDITIONS::contains).toList();
            if (kinds.size() != 1) {
                error(node, "rule '" + id + "' needs exactly one condition of " + CONDITIONS + ", has " + kinds);
                continue;
            }
            var condition = condition(kinds.get(0), rule.get(kinds.get(0)).getValueNode(), id);
            if (field != null && points != null && condition != null) {
                rules.add(new ScoringRules.Rule(id, category, field, condition, points, line(node)));
            }
        }
        return rules;
    }

    private RuleCondition condition(String kind, Node value, String id) {
        switch (kind) {
            case "exists": {
                var text = scalar(value, "exists");
                if (!"true".equalsIgnoreCase(text) && !"false".equalsIgnoreCase(text)) {
                    error(value, "rule '" + id + "': exists must be true or false, not '" + text + "'");
                    return null;
                }
                return new RuleCondition.Exists(Boolean.parseBoolean(text.toLowerCase()));
            }
            case "equals":
                return new RuleCondition.Equals(scalarValue(value, "equals"));
            case "in": {
                var options = new ArrayList<Object>();
                for (var item : sequence(value, "in")) {
                    options.add(scalarValue(item, "in"));
                }
                if (options.isEmpty()) {
                    error(value, "rule '" + id + "': 'in' needs at least one value");
                }
                return new RuleCondition.In(options);
            }
            case "range": {
                var range = mapping(value, "range");
                var min = range.containsKey("min") ? number(range.get("min").getValueNode(), "min") : null;
                var max = range.containsKey("max") ? number(range.get("max").getValueNode(), "max") : null;
                if (min == null && max == null) {
                    error(value, "rule '" + id + "': range needs min, max or both");
                    return null;
                }
                if (min != null && max != null && min > max) {
                    error(value, "rule '" + id + "': range min " + min + " is above max " + max);
                    return null;
                }
                return new RuleCondition.Range(min, max);
            }
            case "regex": {
                var text = scalar(value, "regex");
                if (text == null) {
                    return null;
                }
                try {
                    return new RuleCondition.Regex(RuleRegexes.compile(text));
                } catch (IllegalArgumentException e) {
                    error(value, "rule '" + id + "': regex does not compile: " + e.getMessage());
                    return null;
                }
            }
            case "contains": {
                var text = scalar(value, "contains");
                return text == null ? null : new RuleCondition.Contains(text);
            }
            default:
                return null;
        }
    }

    private Map<String, ScoringRules.ActivityType> activity(NodeTuple tuple) {
        var types = new LinkedHashMap<String, ScoringRules.ActivityType>();
        if (tuple == null) {
            return types;
        }
        mapping(tuple.getValueNode(), "activity").forEach((type, t) -> {
            var settings = mapping(t.getValueNode(), "activity '" + type + "'");
            var points = settings.containsKey("points") ? number(settings.get("points").getValueNode(), "points") : Double.valueOf(0);
            Duration halfLife = null;
            if (settings.containsKey("half-life")) {
                var text = scalar(settings.get("half-life").getValueNode(), "half-life");
                try {
                    halfLife = DurationStyle.detectAndParse(text);
                    if (halfLife.isNegative() || halfLife.isZero()) {
                        error(settings.get("half-life").getValueNode(), "activity '" + type + "': half-life must be positive");
                    }
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    error(settings.get("half-life").getValueNode(), "activity '" + type + "': half-life '" + text
                            + "' is not a duration (write 14d, 12h or P14D)");
                }
            }
            if (points != null) {
                types.put(type, new ScoringRules.ActivityType(points, halfLife));
            }
        });
        return types;
    }

    private Map<String, NodeTuple> mapping(Node node, String what) {
        if (!(node instanceof MappingNode map)) {
            error(node, what + " must be a mapping (key: value)");
            return Map.of();
        }
        return mapping(map);
    }

    private static Map<String, NodeTuple> mapping(MappingNode map) {
        var out = new LinkedHashMap<String, NodeTuple>();
        for (var tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                out.put(key.getValue(), tuple);
            }
        }
        return out;
    }

    private List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode list)) {
            error(node, what + " must be a list (lines starting with '- ')");
            return List.of();
        }
        return list.getValue();
    }

    private String required(Node owner, Map<String, NodeTuple> map, String key) {
        if (!map.containsKey(key)) {
            error(owner, "'" + key + "' is missing");
            return null;
        }
        return scalar(map.get(key).getValueNode(), key);
    }

    private String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            error(node, what + " must be a single value");
            return null;
        }
        return scalar.getValue();
    }

    /** A scalar as the YAML means it: a number, true/false, or text. */
    private Object scalarValue(Node node, String what) {
        var text = scalar(node, what);
        if (text == null) {
            return null;
        }
        var tag = node.getTag().getValue();
        if (tag.endsWith(":int") || tag.endsWith(":float")) {
            var n = RuleCondition.number(text);
            return n == null ? text : n;
        }
        if (tag.endsWith(":bool")) {
            return Boolean.parseBoolean(text.toLowerCase());
        }
        return text;
    }

    private Double number(Node node, String what) {
        var text = scalar(node, what);
        var n = text == null ? null : RuleCondition.number(text);
        if (text != null && n == null) {
            error(node, what + " must be a number, not '" + text + "'");
        }
        return n;
    }

    private void error(Node node, String message) {
        errors.add("line " + line(node) + ": " + message);
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
