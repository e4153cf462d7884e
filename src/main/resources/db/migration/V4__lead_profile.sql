-- The merged enrichment of a lead: each field with its value, provider, time and confidence, and which
-- signals were found or missed (with every provider's reason). Written with status 'enriched' in one transaction.
CREATE TABLE lead_profile (
    lead_id        UUID PRIMARY KEY REFERENCES lead (id) ON DELETE CASCADE,
    profile        JSONB NOT NULL DEFAULT '{}'::jsonb,
    signals_found  JSONB NOT NULL DEFAULT '[]'::jsonb,
    signals_missed JSONB NOT NULL DEFAULT '[]'::jsonb,
    enriched_at    TIMESTAMPTZ NOT NULL
);
