package io.leadhub.personalize;

import java.util.Locale;
import java.util.regex.Pattern;

/** The funding facts of a {@link FactSheet}: the round or stage a company is at, and what it raised. */
final class Funding {

    private static final Pattern SERIES = Pattern.compile("(?i)^series ([a-k])(?: round)?$");
    private static final Pattern EARLY_ROUND = Pattern.compile("(?i)^(pre[- ]?seed|seed|angel)(?: round)?$");
    private static final Pattern FUNDING_WORDS = Pattern.compile("(?i)equity|debt|grant|convertible|corporate|venture|round|\\bipo\\b"
            + "|crowd|secondary|funding|financing|series|seed|angel|acquired|public");
    private static final Pattern MONEY = Pattern.compile("(?i)^(?:us)?\\$?\\s*(\\d+(?:\\.\\d+)?)\\s*([kmb])?$");

    private Funding() {
    }

    /** {round, stage}: a round to congratulate on ("Series B round", "seed round", "IPO"), and any usable stage label. */
    static Fact[] roundAndStage(Fact found) {
        if (found == null) {
            return new Fact[2];
        }
        var text = Text.clean(found.text().replace('_', ' '));
        if (text == null) {
            return new Fact[2];
        }
        Fact round = null;
        var series = SERIES.matcher(text);
        var early = EARLY_ROUND.matcher(text);
        if (series.matches()) {
            round = new Fact("Series " + series.group(1).toUpperCase(Locale.ROOT) + " round", found.fields());
        } else if (early.matches()) {
            round = new Fact(early.group(1).toLowerCase(Locale.ROOT).replaceAll("pre[- ]?seed", "pre-seed") + " round", found.fields());
        } else if (text.equalsIgnoreCase("ipo")) {
            round = new Fact("IPO", found.fields());
        }
        boolean vague = text.length() > 30 || text.matches("(?i).*(not specified|unknown|undisclosed|other|\\().*")
                || !FUNDING_WORDS.matcher(text).find();
        var stage = round != null ? round : vague ? null : new Fact(text, found.fields());
        return new Fact[] {round, stage};
    }

    /** The total raised as people say it ("$25M", "$1.5B", "$750K"), from a number or a text ("12.5m", "$12M"); null below $10K. */
    static Fact raised(Object value) {
        double amount = -1;
        if (value instanceof Number n) {
            amount = n.doubleValue();
        } else if (value != null) {
            var text = Text.clean(value);
            var m = text == null ? null : MONEY.matcher(text.replace(",", "").replace(" ", ""));
            if (m != null && m.matches()) {
                var unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
                amount = Double.parseDouble(m.group(1)) * switch (unit) {
                    case "k" -> 1e3;
                    case "m" -> 1e6;
                    case "b" -> 1e9;
                    default -> 1;
                };
            }
        }
        if (!(amount >= 10_000) || amount > 1e12) {
            return null;
        }
        String text;
        if (amount >= 1e9) {
            text = money(amount / 1e9) + "B";
        } else if (amount >= 1e6) {
            text = money(amount / 1e6) + "M";
        } else {
            text = money(amount / 1e3) + "K";
        }
        return Fact.of("$" + text, "funding_total");
    }

    private static String money(double units) {
        double rounded = units >= 100 ? Math.round(units) : Math.round(units * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
