package io.leadhub.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What happened to each record of a batch; the API answers with it and the queue takes the new arrivals. */
public record IngestOutcome(List<Accepted> accepted, List<Rejected> rejected) {

    public IngestOutcome() {
        this(new ArrayList<>(), new ArrayList<>());
    }

    /**
     * @param newLead        the first arrival of this person in the workspace
     * @param repeatDelivery the same delivery (event id, file line) was already stored: nothing changed
     */
    public record Accepted(String position, UUID leadId, boolean newLead, boolean repeatDelivery) {
    }

    public record Rejected(String position, String reason) {
    }

    /** Leads that arrived through a delivery not seen before: they go on to the next stage. */
    public List<String> arrivals() {
        return accepted.stream().filter(a -> !a.repeatDelivery()).map(a -> a.leadId().toString()).distinct().toList();
    }

}
