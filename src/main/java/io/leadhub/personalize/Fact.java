package io.leadhub.personalize;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A known value ready to print, and the fact fields it comes from ("company_name", "product.name"). */
record Fact(String text, Set<String> fields) {

    Fact {
        fields = Collections.unmodifiableSet(new LinkedHashSet<>(fields));
    }

    static Fact of(String text, String field) {
        return text == null ? null : new Fact(text, Set.of(field));
    }

    /** "Acme's", "Atlas'". */
    Fact possessive() {
        return new Fact(text + (text.endsWith("s") || text.endsWith("S") ? "'" : "'s"), fields);
    }

    /** The text ending as a sentence: a full stop added unless it ends in ".", "!" or "?". */
    Fact sentence() {
        return new Fact(text.matches("(?s).*[.!?]$") ? text : text + ".", fields);
    }

    /** The text with its first letter upper-cased, to open a sentence. */
    Fact capitalized() {
        return new Fact(Text.capitalize(text), fields);
    }

    /** "a", "a and b", "a, b and c". */
    static Fact list(List<Fact> items) {
        var text = new StringBuilder();
        var fields = new LinkedHashSet<String>();
        for (int i = 0; i < items.size(); i++) {
            text.append(i == 0 ? "" : i == items.size() - 1 ? " and " : ", ").append(items.get(i).text());
            fields.addAll(items.get(i).fields());
        }
        return items.isEmpty() ? null : new Fact(text.toString(), fields);
    }

    /** The items joined by a separator, or null when there are none. */
    static Fact joined(List<Fact> items, String separator) {
        var text = new StringBuilder();
        var fields = new LinkedHashSet<String>();
        for (var item : items) {
            text.append(text.length() == 0 ? "" : separator).append(item.text());
            fields.addAll(item.fields());
        }
        return items.isEmpty() ? null : new Fact(text.toString(), fields);
    }
}
