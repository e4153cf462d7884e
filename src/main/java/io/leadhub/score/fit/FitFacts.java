package io.leadhub.score.fit;

/**
 * What the fit needs to know about a lead's company and person (any may be null). industry is free text as a
 * provider gave it ("Computer Software") or a NAICS sector ("52", "52 Finance and Insurance"); country is an
 * ISO 3166 alpha-2 code (a country name is understood too); seniority as providers give it ("vp", "c_suite").
 */
public record FitFacts(String companyDescription, String industry, Integer employees, String country,
                       String title, String seniority) {
}
