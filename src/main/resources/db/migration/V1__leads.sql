-- One row per person per workspace; every arrival is a source_record linked to it.
CREATE TABLE lead (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace               VARCHAR(100) NOT NULL,
    lead_key                VARCHAR(600) NOT NULL,
    status                  VARCHAR(40)  NOT NULL DEFAULT 'received',
    email                   VARCHAR(320),
    first_name              VARCHAR(200),
    last_name               VARCHAR(200),
    full_name               VARCHAR(400),
    title                   VARCHAR(300),
    phone                   VARCHAR(40),
    linkedin_url            VARCHAR(500),
    company_name            VARCHAR(300),
    company_name_normalized VARCHAR(300),
    company_domain          VARCHAR(255),
    website                 VARCHAR(500),
    country                 VARCHAR(100),
    city                    VARCHAR(200),
    attributes              JSONB NOT NULL DEFAULT '{}'::jsonb,
    first_source            VARCHAR(200) NOT NULL,
    received_at             TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL,
    CONSTRAINT lead_workspace_key UNIQUE (workspace, lead_key)
);
CREATE INDEX lead_status_idx ON lead (workspace, status);
CREATE INDEX lead_received_idx ON lead (received_at DESC);
CREATE INDEX lead_company_domain_idx ON lead (company_domain);

-- delivery_ref identifies one arrival (HubSpot eventId, Salesforce notification Id, file line, ...):
-- the unique key is what makes a re-delivered webhook or a re-read file a no-op.
CREATE TABLE source_record (
    id           BIGSERIAL PRIMARY KEY,
    lead_id      UUID NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    workspace    VARCHAR(100) NOT NULL,
    source       VARCHAR(200) NOT NULL,
    source_id    VARCHAR(300),
    delivery_ref VARCHAR(400) NOT NULL,
    position     VARCHAR(100),
    received_at  TIMESTAMPTZ NOT NULL,
    raw          TEXT,
    CONSTRAINT source_record_delivery UNIQUE (source, delivery_ref)
);
CREATE INDEX source_record_lead_idx ON source_record (lead_id);
CREATE INDEX source_record_source_idx ON source_record (source);

CREATE TABLE ingest_file (
    id            BIGSERIAL PRIMARY KEY,
    name          VARCHAR(500) NOT NULL,
    size_bytes    BIGINT NOT NULL,
    last_modified BIGINT NOT NULL,
    workspace     VARCHAR(100) NOT NULL,
    status        VARCHAR(20) NOT NULL,
    rows_read     BIGINT NOT NULL DEFAULT 0,
    accepted      BIGINT NOT NULL DEFAULT 0,
    rejected      BIGINT NOT NULL DEFAULT 0,
    error         TEXT,
    report_path   VARCHAR(1000),
    started_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    CONSTRAINT ingest_file_identity UNIQUE (name, size_bytes, last_modified)
);

CREATE TABLE ingest_rejection (
    id          BIGSERIAL PRIMARY KEY,
    workspace   VARCHAR(100) NOT NULL,
    source      VARCHAR(200) NOT NULL,
    file_id     BIGINT REFERENCES ingest_file (id) ON DELETE CASCADE,
    position    VARCHAR(100) NOT NULL,
    reason      TEXT NOT NULL,
    raw         TEXT,
    rejected_at TIMESTAMPTZ NOT NULL
);
-- a re-read file (after a crash) must not report its rejections twice
CREATE UNIQUE INDEX ingest_rejection_file_position ON ingest_rejection (file_id, position) WHERE file_id IS NOT NULL;
CREATE INDEX ingest_rejection_time_idx ON ingest_rejection (rejected_at DESC);

CREATE TABLE poll_watermark (
    source_name  VARCHAR(200) PRIMARY KEY,
    watermark    VARCHAR(100),
    last_run_at  TIMESTAMPTZ,
    last_fetched BIGINT NOT NULL DEFAULT 0,
    last_error   TEXT
);

-- Camel's JdbcMessageIdRepository (idempotentConsumer) for webhook event ids.
CREATE TABLE camel_messageprocessed (
    processorname VARCHAR(255) NOT NULL,
    messageid     VARCHAR(100) NOT NULL,
    createdat     TIMESTAMP NOT NULL,
    PRIMARY KEY (processorname, messageid)
);
