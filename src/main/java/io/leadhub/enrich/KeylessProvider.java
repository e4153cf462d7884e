package io.leadhub.enrich;

/** Marks a provider that needs no API key (the website analyser). */
public interface KeylessProvider {
}
