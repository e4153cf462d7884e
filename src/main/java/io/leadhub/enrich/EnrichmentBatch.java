package io.leadhub.enrich;

import java.util.List;
import java.util.UUID;

/** The leads of one batch and the waterfall of each signal over them. */
public record EnrichmentBatch(List<UUID> leadIds, List<SignalRun> signalRuns) {
}
