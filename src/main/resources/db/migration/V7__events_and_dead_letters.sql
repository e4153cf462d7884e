-- Events for SDR agents and CRMs (lead.enriched, lead.scored, lead.personalized), written in the same
-- transaction as the stage that caused them, then relayed to Kafka and webhooks: never lost, never invented.
CREATE TABLE outbox_event (
    id           BIGSERIAL PRIMARY KEY,
    event_id     UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    workspace    VARCHAR(100) NOT NULL,
    lead_id      UUID         NOT NULL,
    type         VARCHAR(60)  NOT NULL,
    payload      JSONB        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    relayed_at   TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE relayed_at IS NULL;

-- One delivery of an event to one configured webhook, retried with backoff until it is accepted or given up.
CREATE TABLE webhook_delivery (
    id              BIGSERIAL PRIMARY KEY,
    event_id        BIGINT       NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
    webhook         VARCHAR(100) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    last_status     INT,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    delivered_at    TIMESTAMPTZ,
    CONSTRAINT webhook_delivery_once UNIQUE (event_id, webhook)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';

-- Work a stage could not finish after its retries: kept with the error so it can be read and replayed.
CREATE TABLE dead_letter (
    id          BIGSERIAL PRIMARY KEY,
    stage       VARCHAR(60)  NOT NULL,
    lead_id     UUID,
    payload     TEXT         NOT NULL,
    error       TEXT         NOT NULL,
    attempts    INT          NOT NULL DEFAULT 1,
    first_at    TIMESTAMPTZ  NOT NULL,
    last_at     TIMESTAMPTZ  NOT NULL,
    replayed_at TIMESTAMPTZ,
    status      VARCHAR(20)  NOT NULL DEFAULT 'open'
);
CREATE INDEX dead_letter_stage_idx ON dead_letter (stage, status);

-- LLM calls are billed by tokens: each call's usage is kept beside its cost.
ALTER TABLE provider_call ADD COLUMN input_tokens INT, ADD COLUMN output_tokens INT;
