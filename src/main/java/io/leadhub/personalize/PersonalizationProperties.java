package io.leadhub.personalize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The personalization stage (leadhub.personalization.*): insight and outreach written per lead and product, by an
 * LLM or, without one, by the template writer.
 *
 * @param enabled                 off: qualified leads stay 'scored'
 * @param queueUri                seda mode: hot and warm leads arrive here from scoring (a list of lead ids per batch)
 * @param llm                     the provider id (type openai or anthropic) that writes; empty: the template writer does
 * @param researchLlm             a provider id for the optional research call (one per company); empty: no research
 * @param productsPerLead         products written for per lead, best fit first
 * @param channels                channels written for: email, linkedin_connection, linkedin_message, sms
 * @param emailMaxWords           longest email body, in words
 * @param linkedinMessageMaxChars longest LinkedIn message, in characters
 * @param smsOptOut               end every SMS with sms-opt-out-text
 * @param smsOptOutText           the opt-out sentence an SMS ends with
 * @param promptsDir              prompt files here (same names as in src/main/resources/prompts) replace the shipped
 *                                ones
 * @param templatesDir            outreach template files here (same names as in src/main/resources/outreach) replace
 *                                the shipped ones; read at start
 * @param concurrency             leads written at once (each waits on its LLM calls)
 * @param onDemandTimeout         how long POST /api/leads/{id}/personalize waits for the result before answering 202
 * @param maxBatchesInFlight      personalization batches at work at once; the queue waits beyond that
 */
@ConfigurationProperties("leadhub.personalization")
public record PersonalizationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("seda:leads-qualified?size=10000&blockWhenFull=true") String queueUri,
        String llm,
        String researchLlm,
        @DefaultValue("1") int productsPerLead,
        @DefaultValue({"email", "linkedin_connection", "linkedin_message", "sms"}) List<String> channels,
        @DefaultValue("150") int emailMaxWords,
        @DefaultValue("600") int linkedinMessageMaxChars,
        @DefaultValue("true") boolean smsOptOut,
        @DefaultValue("Reply STOP to opt out") String smsOptOutText,
        @DefaultValue("config/prompts") Path promptsDir,
        @DefaultValue("config/outreach") Path templatesDir,
        @DefaultValue("8") int concurrency,
        @DefaultValue("60s") Duration onDemandTimeout,
        @DefaultValue("2") int maxBatchesInFlight) {
}
