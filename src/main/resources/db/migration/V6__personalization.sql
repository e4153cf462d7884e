-- What personalization wrote for a lead and a product: the insight (pain points, value gains, key messages,
-- the profile facts it relied on), the outreach per channel and tone, the call script, and how it was made.
CREATE TABLE lead_product_enrichment (
    lead_id         UUID         NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    product_id      VARCHAR(100) NOT NULL,
    key_pain_points JSONB        NOT NULL,
    value_gains     JSONB        NOT NULL,
    key_messages    JSONB        NOT NULL,
    grounded_on     JSONB        NOT NULL DEFAULT '[]'::jsonb,
    outreach        JSONB        NOT NULL DEFAULT '[]'::jsonb,
    call_script     JSONB,
    skipped         JSONB        NOT NULL DEFAULT '[]'::jsonb,
    research        TEXT,
    generator       VARCHAR(40)  NOT NULL,
    fallback_reason TEXT,
    model           VARCHAR(200),
    prompt_version  VARCHAR(80)  NOT NULL,
    input_tokens    INT          NOT NULL DEFAULT 0,
    output_tokens   INT          NOT NULL DEFAULT 0,
    cost            NUMERIC(12, 6) NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (lead_id, product_id)
);
