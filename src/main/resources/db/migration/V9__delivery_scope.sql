-- A delivery ref (Idempotency-Key, event id, file line) identifies an arrival within one workspace: two tenants
-- using the same Idempotency-Key are two deliveries, not a repeat.
UPDATE source_record s SET workspace = l.workspace FROM lead l WHERE l.id = s.lead_id AND s.workspace <> l.workspace;
ALTER TABLE source_record DROP CONSTRAINT source_record_delivery;
ALTER TABLE source_record ADD CONSTRAINT source_record_delivery UNIQUE (workspace, source, delivery_ref);

-- SHA-256 (hex) of the request body a delivery came with, where the sender chose the delivery ref (the API's
-- Idempotency-Key): the same key with another body is refused instead of being taken for a repeat.
-- NULL for earlier rows and for sources whose refs the hub derives itself.
ALTER TABLE source_record ADD COLUMN body_hash CHAR(64);
