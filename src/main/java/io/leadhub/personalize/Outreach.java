package io.leadhub.personalize;

import java.util.List;

/**
 * The messages per channel and tone, the call script (null when not to be called), and what was left out with a
 * human reason, each "channel: reason" ("sms: the phone is marked do-not-call", "call_script: ...").
 */
public record Outreach(List<Message> messages, CallScript callScript, List<String> skipped) {

    public Outreach {
        messages = Lists.copy(messages);
        skipped = Lists.copy(skipped);
    }
}
