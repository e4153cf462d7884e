-- Which lead a stage is working on lives here, not in the size of an in-process queue (io.leadhub.store.StageLeases).
-- A row is a lease of one lead by one stage: 'queued' while the lead waits in the stage's queue, 'working' while a
-- batch of the stage has it. The owner (the instance) refreshes its leases while it holds them and deletes them
-- once the stage's result is stored; a lease past lease_until was left by an instance that died, and the stage's
-- sweep hands that lead on again. The sweeps hand on only leads with no live lease.
CREATE TABLE stage_lease (
    stage       VARCHAR(20) NOT NULL,       -- enrich | score | personalize
    lead_id     UUID        NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    owner       TEXT        NOT NULL,       -- the instance: pid@host/random, new at every start
    state       VARCHAR(10) NOT NULL,       -- queued | working
    lease_until TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (stage, lead_id)
);
CREATE INDEX stage_lease_owner_idx ON stage_lease (owner);
