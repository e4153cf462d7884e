package io.leadhub.personalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * A text made of parts, each with alternatives from the richest to the plainest, that shrinks until it fits. Parts
 * are grouped in blocks (paragraphs). To fit, parts are taken in order of their priority (highest first, then as
 * written): each moves on to its next alternative until the text fits, and an optional part is finally left out.
 * Then, the most important part first, each goes back to the richest alternative that still fits (so that giving up
 * the product name early does not stick when a later cut made room). Nothing is ever cut inside a sentence. The
 * fields of the alternatives that end up in the text are what it used.
 */
final class Draft {

    /** One way to write a part: its text and the fact fields it used. */
    record Piece(String text, Set<String> fields) {

        /** Strings and facts in a row; null when any fact is missing, so that the alternative is not offered. */
        static Piece of(Object... bits) {
            var text = new StringBuilder();
            var fields = new LinkedHashSet<String>();
            for (var bit : bits) {
                if (bit == null) {
                    return null;
                }
                var part = bit instanceof Fact fact ? fact.text() : bit.toString();
                if (bit instanceof Fact fact) {
                    fields.addAll(fact.fields());
                }
                if (!text.isEmpty() && ".!?".indexOf(text.charAt(text.length() - 1)) >= 0 && !part.isEmpty() && ".!?".indexOf(part.charAt(0)) >= 0) {
                    part = part.substring(1); // "Acme Co." + "." or "Series A!" + "." end once
                }
                text.append(part);
            }
            return new Piece(text.toString(), java.util.Collections.unmodifiableSet(fields));
        }
    }

    /** The text as it fits, and the fact fields it used. */
    record Written(String text, Set<String> fields) {
    }

    private record Part(List<Piece> alternatives, int priority, boolean optional, int block) {
    }

    private final List<Part> parts = new ArrayList<>();

    /** A part that may be left out; the higher its priority, the sooner it shrinks. Missing alternatives (null) are skipped. */
    Draft optional(int block, int priority, Piece... alternatives) {
        return add(block, priority, true, alternatives);
    }

    /** A part always kept; its plainest alternative should need no fact. */
    Draft required(int block, int priority, Piece... alternatives) {
        return add(block, priority, false, alternatives);
    }

    private Draft add(int block, int priority, boolean optional, Piece... alternatives) {
        var available = Arrays.stream(alternatives).filter(Objects::nonNull).toList();
        if (!available.isEmpty()) {
            parts.add(new Part(available, priority, optional, block));
        }
        return this;
    }

    /**
     * The richest text that fits, its parts joined by a space and its blocks by the separator; empty when none fits.
     * Once a fit is found, what was given up is taken back where it still fits, the most important parts first.
     */
    Optional<Written> fit(String blockSeparator, Predicate<String> fits) {
        int[] choice = new int[parts.size()];
        boolean[] left = new boolean[parts.size()];
        if (fits.test(render(choice, left, blockSeparator))) {
            return Optional.of(written(choice, left, blockSeparator));
        }
        var order = IntStream.range(0, parts.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -parts.get(i).priority()).thenComparingInt(i -> i)).toList();
        for (int i : order) {
            var part = parts.get(i);
            while (choice[i] < part.alternatives().size() - 1) {
                choice[i]++;
                if (fits.test(render(choice, left, blockSeparator))) {
                    return Optional.of(regrow(order, choice, left, blockSeparator, fits));
                }
            }
            if (part.optional()) {
                left[i] = true;
                if (fits.test(render(choice, left, blockSeparator))) {
                    return Optional.of(regrow(order, choice, left, blockSeparator, fits));
                }
            }
        }
        return Optional.empty();
    }

    /** From a state that fits: each part, the most important first, back to its richest alternative that still fits. */
    private Written regrow(List<Integer> order, int[] choice, boolean[] left, String blockSeparator, Predicate<String> fits) {
        for (int k = order.size() - 1; k >= 0; k--) {
            int i = order.get(k);
            int current = choice[i];
            boolean wasLeft = left[i];
            int richest = wasLeft ? parts.get(i).alternatives().size() : current;
            for (int alternative = 0; alternative < richest; alternative++) {
                choice[i] = alternative;
                left[i] = false;
                if (fits.test(render(choice, left, blockSeparator))) {
                    break;
                }
                choice[i] = current;
                left[i] = wasLeft;
            }
        }
        return written(choice, left, blockSeparator);
    }

    private String render(int[] choice, boolean[] left, String blockSeparator) {
        var out = new StringBuilder();
        int block = Integer.MIN_VALUE;
        for (int i = 0; i < parts.size(); i++) {
            if (left[i]) {
                continue;
            }
            var part = parts.get(i);
            if (out.length() > 0) {
                out.append(part.block() == block ? " " : blockSeparator);
            }
            out.append(part.alternatives().get(choice[i]).text());
            block = part.block();
        }
        return out.toString();
    }

    private Written written(int[] choice, boolean[] left, String blockSeparator) {
        var fields = new LinkedHashSet<String>();
        for (int i = 0; i < parts.size(); i++) {
            if (!left[i]) {
                fields.addAll(parts.get(i).alternatives().get(choice[i]).fields());
            }
        }
        return new Written(render(choice, left, blockSeparator), fields);
    }
}
