package io.leadhub.enrich;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Hands each provider answer back to its signal's waterfall. */
@Component
public class SignalAnswers {

    public void record(@ExchangeProperty("leadhubSignalRun") SignalRun run, @Body ProviderAnswer answer) {
        run.record(answer);
    }
}
