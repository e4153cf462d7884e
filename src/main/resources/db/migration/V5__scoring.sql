-- Scoring rules per workspace, every version kept: a score names the version it was computed with.
CREATE TABLE scoring_rules (
    workspace  VARCHAR(100) NOT NULL,
    version    INT          NOT NULL,
    rules      TEXT         NOT NULL,
    origin     VARCHAR(600) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (workspace, version)
);

-- Activity on a lead (email_open, reply, meeting, converted, ...). The idempotency key makes a re-sent event a no-op.
CREATE TABLE lead_event (
    id              BIGSERIAL PRIMARY KEY,
    lead_id         UUID         NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    type            VARCHAR(60)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    properties      JSONB        NOT NULL DEFAULT '{}'::jsonb,
    idempotency_key VARCHAR(300),
    CONSTRAINT lead_event_once UNIQUE (lead_id, idempotency_key)
);
CREATE INDEX lead_event_lead_idx ON lead_event (lead_id, occurred_at);
CREATE INDEX lead_event_outcome_idx ON lead_event (type) WHERE type IN ('converted', 'lost');

-- The current score of a lead: total, tier, every rule that fired (breakdown), product fit and the model's probability.
CREATE TABLE lead_score (
    lead_id       UUID PRIMARY KEY REFERENCES lead (id) ON DELETE CASCADE,
    score         NUMERIC(10, 2) NOT NULL,
    tier          VARCHAR(60)    NOT NULL,
    rules_version INT            NOT NULL,
    breakdown     JSONB          NOT NULL,
    fit           JSONB          NOT NULL DEFAULT '[]'::jsonb,
    probability   DOUBLE PRECISION,
    model_version INT,
    reason        VARCHAR(60)    NOT NULL,
    scored_at     TIMESTAMPTZ    NOT NULL
);
CREATE INDEX lead_score_tier_idx ON lead_score (tier);

-- Every change of a lead's score, with why it was computed (enriched, activity, rescore).
CREATE TABLE lead_score_history (
    id            BIGSERIAL PRIMARY KEY,
    lead_id       UUID           NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    score         NUMERIC(10, 2) NOT NULL,
    tier          VARCHAR(60)    NOT NULL,
    rules_version INT            NOT NULL,
    breakdown     JSONB          NOT NULL,
    probability   DOUBLE PRECISION,
    reason        VARCHAR(60)    NOT NULL,
    scored_at     TIMESTAMPTZ    NOT NULL
);
CREATE INDEX lead_score_history_lead_idx ON lead_score_history (lead_id, scored_at);

-- The seller's products or offers, per workspace.
CREATE TABLE product (
    workspace         VARCHAR(100) NOT NULL,
    id                VARCHAR(100) NOT NULL,
    name              VARCHAR(300) NOT NULL,
    value_proposition TEXT,
    icp_description   TEXT,
    industries        JSONB        NOT NULL DEFAULT '[]'::jsonb,
    company_sizes     JSONB        NOT NULL DEFAULT '[]'::jsonb,
    regions           JSONB        NOT NULL DEFAULT '[]'::jsonb,
    personas          JSONB        NOT NULL DEFAULT '[]'::jsonb,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (workspace, id)
);

-- Trained conversion models with their hold-out metrics; the newest of a workspace is the one used.
CREATE TABLE scoring_model (
    version    SERIAL PRIMARY KEY,
    workspace  VARCHAR(100) NOT NULL,
    trained_at TIMESTAMPTZ  NOT NULL,
    metrics    JSONB        NOT NULL,
    features   JSONB        NOT NULL,
    model      BYTEA        NOT NULL
);
CREATE INDEX scoring_model_workspace_idx ON scoring_model (workspace, version DESC);

-- Background re-scoring (rules changed, or asked for): progress readable while it runs.
CREATE TABLE scoring_job (
    id          BIGSERIAL PRIMARY KEY,
    workspace   VARCHAR(100),
    reason      VARCHAR(200) NOT NULL,
    status      VARCHAR(40)  NOT NULL,
    total       INT          NOT NULL DEFAULT 0,
    done        INT          NOT NULL DEFAULT 0,
    error       TEXT,
    created_at  TIMESTAMPTZ  NOT NULL,
    finished_at TIMESTAMPTZ
);
