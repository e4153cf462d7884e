package io.leadhub.security;

import java.util.regex.Pattern;

import io.leadhub.config.RequestRejectedException;

/**
 * Who is calling, as decided by {@link ApiKeyAuthenticationFilter} from the key alone: a tenant bound to one
 * workspace, or an operator (an operator key, or a loopback client when no key is configured) who sees every
 * workspace and may pick one with ?workspace=.
 */
public record Caller(String workspace, String via) {

    /** The workspace value of an operator, as the stores understand it. */
    public static final String ALL_WORKSPACES = "*";
    /** Request attribute that carries the caller to code that runs off the servlet thread (Camel routes). */
    public static final String ATTRIBUTE = Caller.class.getName();
    private static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public boolean operator() {
        return ALL_WORKSPACES.equals(workspace);
    }

    /** The workspace a request of this caller acts in: its own, or for an operator the one it names (else default). */
    public String actingIn(String requested) {
        if (!operator()) {
            return workspace;
        }
        return requested == null || requested.isBlank() ? "default" : checkedWorkspace(requested.strip());
    }

    /** Checks a workspace name a client sent (operator's ?workspace=): short, plain characters, else 400. */
    public static String checkedWorkspace(String name) {
        if (name == null || !WORKSPACE.matcher(name).matches()) {
            throw new RequestRejectedException(400, "workspace must be 1 to 63 letters, digits, '.', '_' or '-'"
                    + " starting with a letter or digit");
        }
        return name;
    }

    @Override
    public String toString() {
        return "Caller[workspace=" + workspace + ", via=" + via + "]";
    }
}
