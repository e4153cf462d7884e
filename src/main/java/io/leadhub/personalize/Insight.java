package io.leadhub.personalize;

import java.util.List;

/**
 * What a seller should know before reaching out: the lead's likely pain points, what they would gain, and the
 * messages to lead with. groundedOn names the fact fields the writing used ("company_industry", "technologies",
 * "product.valueProposition", "fitReasons").
 */
public record Insight(List<String> keyPainPoints, List<String> valueGains, List<String> keyMessages, List<String> groundedOn) {

    public Insight {
        keyPainPoints = Lists.copy(keyPainPoints);
        valueGains = Lists.copy(valueGains);
        keyMessages = Lists.copy(keyMessages);
        groundedOn = Lists.copy(groundedOn);
    }
}
