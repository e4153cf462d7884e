package io.leadhub.facts;

import java.util.Optional;
import java.util.regex.Pattern;

/** Industry names as providers send them, often with a NAICS code in front ("52 Finance and Insurance", "NAICS 541511"). */
public final class Industries {

    /** A NAICS code (two to six digits, or a sector range such as "31-33"), optionally after "NAICS", then the name. */
    private static final Pattern NAICS = Pattern.compile("(?i)^(?:naics\\s*)?(\\d{2})(?:-\\d{2}|\\d{0,4})(?:[\\s:.\\-]+(.*))?$");

    /** The two-digit NAICS sector a code starts with, and the name after the code (null when there is none). */
    public record NaicsCode(String sector, String name) {
    }

    private Industries() {
    }

    /** The NAICS code an industry text starts with ("52", "541511 Custom Computer Programming", "31-33 - Manufacturing"). */
    public static Optional<NaicsCode> naics(String industry) {
        if (industry == null) {
            return Optional.empty();
        }
        var m = NAICS.matcher(industry.strip());
        return m.matches() ? Optional.of(new NaicsCode(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The industry without a NAICS code in front ("52 Finance and Insurance": "Finance and Insurance"; "484": ""). */
    public static String withoutCode(String industry) {
        return naics(industry).map(c -> c.name() == null ? "" : c.name()).orElse(industry);
    }
}
