package io.leadhub.personalize;

import java.util.List;
import java.util.Map;

/** A phone call's opener, 3 to 5 discovery questions, and answers to the objections price, timing, incumbent and trust. */
public record CallScript(String opener, List<String> discoveryQuestions, Map<String, String> objections) {

    public CallScript {
        discoveryQuestions = Lists.copy(discoveryQuestions);
        objections = Lists.copy(objections);
    }
}
