-- Hub instances sharing one inbox claim each dropped file here before reading it, so that one of them reads it
-- (the idempotent read lock of routes/ingest-file-drop.camel.yaml, io.leadhub.ingest.file.FileClaims).
-- A row lives while its file is being read; it is deleted once the file has been moved out of the inbox.
CREATE TABLE file_claim (
    name         TEXT PRIMARY KEY,       -- the file's name inside the inbox
    owner        TEXT NOT NULL,          -- the claiming instance: pid@host/random, new at every start
    claimed_at   TIMESTAMPTZ NOT NULL,
    -- refreshed by the owner while it holds the claim; older than leadhub.inbox.claim-timeout, the owner is taken
    -- for dead and another instance may take the claim over
    heartbeat_at TIMESTAMPTZ NOT NULL
);
