package io.leadhub.personalize;

/** The insight and outreach for one lead and product; generator says who wrote it ("template" for the fallback writer). */
public record Personalization(Insight insight, Outreach outreach, String generator) {
}
