package io.leadhub.personalize;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One lead × product on its way through the personalize route, gathering what each step finds. */
public final class PersonalizationJob {

    private final UUID leadId;
    private final String workspace;
    private final PersonalizationFacts facts;
    /** The facts as the prompt shows them, by field name: what an answer may cite in grounded_on. */
    private final java.util.Map<String, Object> citable;
    private String research;
    private String lastAnswer;
    private final List<String> problems = new ArrayList<>();
    private int llmAttempts;
    private Personalization result;
    private String fallbackReason;
    private String model;
    private int inputTokens;
    private int outputTokens;
    private double cost;

    public PersonalizationJob(UUID leadId, String workspace, PersonalizationFacts facts, java.util.Map<String, Object> citable) {
        this.leadId = leadId;
        this.workspace = workspace;
        this.facts = facts;
        this.citable = citable;
    }

    public UUID leadId() { return leadId; }
    public String workspace() { return workspace; }
    public PersonalizationFacts facts() { return facts; }
    public java.util.Map<String, Object> citable() { return citable; }
    public String productId() { return facts.product().id(); }
    public String research() { return research; }
    public void research(String research) { this.research = research; }
    public String lastAnswer() { return lastAnswer; }
    public void lastAnswer(String lastAnswer) { this.lastAnswer = lastAnswer; }
    public List<String> problems() { return problems; }
    public int llmAttempts() { return llmAttempts; }
    public void countAttempt() { llmAttempts++; }
    public Personalization result() { return result; }
    public void result(Personalization result) { this.result = result; }
    public boolean done() { return result != null; }
    /** How the result was written: "template" (the template writer) or "llm". */
    public String generator() { return result != null && "template".equals(result.generator()) ? "template" : "llm"; }
    /** The first answer was read but failed a check: one repair request is allowed. */
    public boolean needsRepair() { return result == null && llmAttempts == 1 && lastAnswer != null && !problems.isEmpty(); }
    public String fallbackReason() { return fallbackReason; }
    public void fallbackReason(String reason) { this.fallbackReason = reason; }
    public String model() { return model; }
    public int inputTokens() { return inputTokens; }
    public int outputTokens() { return outputTokens; }
    public double cost() { return cost; }

    public void usage(String model, int input, int output, double cost) {
        this.model = model;
        this.inputTokens += input;
        this.outputTokens += output;
        this.cost += cost;
    }
}
