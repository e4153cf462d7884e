package io.leadhub.enrich;

import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Hands a provider call's answers back to their signal's waterfall. */
@Component
public class SignalAnswers {

    public void record(@ExchangeProperty("leadhubSignalRun") SignalRun run, @Body List<ProviderAnswer> answers) {
        answers.forEach(run::record);
    }
}
