package io.leadhub.enrich;

/** The hub itself refused a call (an address it must not reach); not the provider's fault, so the breaker ignores it. */
public class ProviderRefusedException extends RuntimeException {
    public ProviderRefusedException(String message) {
        super(message);
    }
}
