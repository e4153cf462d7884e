-- Answers of enrichment providers, hits and misses alike, shared by every hub instance (Caffeine sits in front).
CREATE TABLE provider_cache (
    provider    VARCHAR(100) NOT NULL,
    request_key VARCHAR(500) NOT NULL,
    outcome     VARCHAR(40)  NOT NULL,
    fields      JSONB        NOT NULL DEFAULT '{}'::jsonb,
    fetched_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (provider, request_key)
);
CREATE INDEX provider_cache_expiry_idx ON provider_cache (expires_at);

-- Every call that left the hub: the audit trail (status, latency, raw answer) and the cost ledger in one row.
CREATE TABLE provider_call (
    id           BIGSERIAL PRIMARY KEY,
    provider     VARCHAR(100) NOT NULL,
    lead_id      UUID,
    request_key  VARCHAR(500) NOT NULL,
    http_status  INT,
    outcome      VARCHAR(40)  NOT NULL,
    attempts     INT          NOT NULL DEFAULT 1,
    latency_ms   BIGINT       NOT NULL,
    cost         NUMERIC(12, 6) NOT NULL DEFAULT 0,
    call_day     DATE         NOT NULL,
    called_at    TIMESTAMPTZ  NOT NULL,
    response     TEXT
);
CREATE INDEX provider_call_day_idx ON provider_call (provider, call_day);
CREATE INDEX provider_call_lead_idx ON provider_call (lead_id);
