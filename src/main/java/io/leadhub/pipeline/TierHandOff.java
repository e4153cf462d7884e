package io.leadhub.pipeline;

import java.util.List;

/**
 * Which score tiers a workspace's scoring rules hand on to personalization. Asked by the sweeps, the stage
 * metrics and personalization's triggers; answered by scoring (ScoringRulesStore), so the plumbing between the
 * stages imports no stage.
 */
public interface TierHandOff {

    /** Whether the workspace's rules hand a lead of this tier on to personalization. */
    boolean handsOff(String workspace, String tier);

    /** The tiers the workspace's rules hand on, in the rules' order. */
    List<String> handedOffTiers(String workspace);
}
