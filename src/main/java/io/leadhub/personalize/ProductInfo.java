package io.leadhub.personalize;

/** The product a personalization is written for: its name, value proposition and ideal customer profile (any may be null). */
public record ProductInfo(String id, String name, String valueProposition, String icpDescription) {
}
