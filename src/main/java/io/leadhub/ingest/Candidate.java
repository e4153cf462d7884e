package io.leadhub.ingest;

import io.leadhub.lead.Lead;

/** A raw record after checking: either a lead or the reason it cannot be one. */
public record Candidate(RawRecord record, Lead lead, String rejection) {

    public static Candidate accepted(RawRecord record, Lead lead) {
        return new Candidate(record, lead, null);
    }

    public static Candidate rejected(RawRecord record, String reason) {
        return new Candidate(record, null, reason);
    }

    public boolean isAccepted() {
        return lead != null;
    }
}
