package io.leadhub.personalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last steps of the personalize route: the template writer where no LLM answer was accepted (so a lead is
 * never left empty), then insight, outreach and call script stored with how they were made, and status
 * 'personalized', in one transaction (the stage's: its lead.personalized event is announced in the same one, see
 * PersonalizationEvents).
 */
@Component
public class PersonalizationStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final TemplateWriter templates;
    private final LlmWriter llm;
    private final MeterRegistry meters;

    public PersonalizationStore(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock, TemplateWriter templates,
                                LlmWriter llm, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.templates = templates;
        this.llm = llm;
        this.meters = meters;
    }

    public void fallback(@ExchangeProperty("leadhubJob") PersonalizationJob job) {
        if (job.result() == null) {
            job.result(templates.write(job.facts(), llm.channels()));
            if (job.fallbackReason() == null) {
                job.fallbackReason("no LLM configured (leadhub.personalization.llm)");
            }
        }
    }

    public void save(@ExchangeProperty("leadhubJob") PersonalizationJob job) {
        var result = job.result();
        var now = Timestamp.from(clock.instant());
        var generator = job.generator();
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO lead_product_enrichment (lead_id, product_id, key_pain_points, value_gains, key_messages,
                                grounded_on, outreach, call_script, skipped, research, generator, fallback_reason, model, prompt_version,
                                input_tokens, output_tokens, cost, created_at, updated_at)
                            VALUES (:lead, :product, CAST(:pains AS jsonb), CAST(:gains AS jsonb), CAST(:messages AS jsonb),
                                CAST(:grounded AS jsonb), CAST(:outreach AS jsonb), CAST(:call AS jsonb), CAST(:skipped AS jsonb),
                                :research, :generator, :reason, :model, :version, :in, :out, :cost, :now, :now)
                            ON CONFLICT (lead_id, product_id) DO UPDATE SET key_pain_points = EXCLUDED.key_pain_points,
                                value_gains = EXCLUDED.value_gains, key_messages = EXCLUDED.key_messages,
                                grounded_on = EXCLUDED.grounded_on, outreach = EXCLUDED.outreach, call_script = EXCLUDED.call_script,
                                skipped = EXCLUDED.skipped, research = EXCLUDED.research, generator = EXCLUDED.generator,
                                fallback_reason = EXCLUDED.fallback_reason, model = EXCLUDED.model,
                                prompt_version = EXCLUDED.prompt_version, input_tokens = EXCLUDED.input_tokens,
                                output_tokens = EXCLUDED.output_tokens, cost = EXCLUDED.cost, updated_at = EXCLUDED.updated_at""")
                    .param("lead", job.leadId()).param("product", job.productId())
                    .param("pains", write(result.insight().keyPainPoints())).param("gains", write(result.insight().valueGains()))
                    .param("messages", write(result.insight().keyMessages())).param("grounded", write(result.insight().groundedOn()))
                    .param("outreach", write(result.outreach().messages())).param("call", write(result.outreach().callScript()))
                    .param("skipped", write(result.outreach().skipped())).param("research", job.research())
                    .param("generator", generator).param("reason", "template".equals(generator) ? job.fallbackReason() : null)
                    .param("model", "template".equals(generator) ? null : job.model())
                    .param("version", "template".equals(generator) ? "template" : llm.promptVersion())
                    .param("in", job.inputTokens()).param("out", job.outputTokens()).param("cost", BigDecimal.valueOf(job.cost()))
                    .param("now", now).update();
            jdbc.sql("UPDATE lead SET status = 'personalized', updated_at = :now WHERE id = :id AND status IN ('scored', 'personalized')")
                    .param("id", job.leadId()).param("now", now).update();
        });
        Counter.builder("leadhub.personalized").tag("generator", generator).register(meters).increment();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
