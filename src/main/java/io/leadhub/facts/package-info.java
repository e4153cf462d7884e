/**
 * What leadhub knows about names, companies and roles, in one place for every stage: legal forms of company names
 * ({@link io.leadhub.facts.CompanyNames}), honorifics ({@link io.leadhub.facts.PersonNames}), seniority
 * ({@link io.leadhub.facts.Seniority}), company-size ranges and bands ({@link io.leadhub.facts.CompanySize}) and
 * NAICS codes ({@link io.leadhub.facts.Industries}). Ingest, scoring and personalization use these lists instead of
 * keeping their own. This package sits below the stages: it imports none of them (FactsPackageTest checks).
 */
package io.leadhub.facts;
