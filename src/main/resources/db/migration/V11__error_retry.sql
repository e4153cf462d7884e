-- Leads whose last enrichment missed a signal because of an error (provider down, timeouts, rate limits, an
-- open breaker), not because the provider knew nothing: asked again at next_at (leadhub.enrichment.error-retry-delay,
-- times error-retry-backoff per attempt) until a run has no such miss (the row goes) or error-retry-max-attempts
-- retries were made (next_at NULL: given up, kept for operators).
CREATE TABLE enrichment_retry (
    lead_id    UUID PRIMARY KEY REFERENCES lead (id) ON DELETE CASCADE,
    attempts   INTEGER      NOT NULL,
    next_at    TIMESTAMPTZ,
    reason     VARCHAR(500) NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX enrichment_retry_due ON enrichment_retry (next_at) WHERE next_at IS NOT NULL;
