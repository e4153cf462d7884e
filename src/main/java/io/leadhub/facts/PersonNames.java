package io.leadhub.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** People's names: the honorifics a full name may start with ("Dr. Jane Doe", "Herr Müller"). */
public final class PersonNames {

    /** Honorifics, lower case without the full stop: "Dr." is dr, "M." (monsieur) m. */
    public static final Set<String> HONORIFICS = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "herr", "frau", "mme", "m");

    private PersonNames() {
    }

    /** Whether the word is an honorific, with or without its full stop and in any case. */
    public static boolean isHonorific(String word) {
        return word != null && HONORIFICS.contains(word.replace(".", "").toLowerCase(Locale.ROOT));
    }

    /** The words of a name without the honorifics it starts with: "Dr. Prof. Jane Doe" gives Jane, Doe. */
    public static List<String> withoutHonorifics(List<String> words) {
        var out = new ArrayList<>(words);
        while (!out.isEmpty() && isHonorific(out.get(0))) {
            out.remove(0);
        }
        return out;
    }
}
