package io.leadhub.score.fit;

/**
 * An industry inferred from the description: NAICS 2022 sector code ("52", or "31-33" for the sectors NAICS
 * spans over several codes), its official title, and the cosine similarity that chose it.
 */
public record InferredIndustry(String code, String title, double similarity) {

    /** "52 Finance and Insurance": the form the hub stores as the lead's industry. */
    public String label() {
        return code + " " + title;
    }
}
