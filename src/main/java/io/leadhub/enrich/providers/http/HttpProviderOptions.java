package io.leadhub.enrich.providers.http;

import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A provider defined by configuration alone (type http): how its request is built and its answer read, beside the
 * common leadhub.providers.&lt;id&gt;.* properties. Placeholders {email}, {domain}, {firstName}, {lastName},
 * {fullName}, {companyName}, ... take the question's values.
 *
 * @param urlTemplate  path and query after base-url, with placeholders (URL-encoded)
 * @param method       the HTTP method
 * @param bodyTemplate a JSON body with the same placeholders (JSON-escaped), e.g. with method POST; empty: none
 * @param authHeader   the header carrying api-key
 * @param authScheme   put before the key in auth-header ("Bearer"); empty sends the key alone
 * @param mapping      profile field name to JSON Pointer in the answer; fields whose pointer finds nothing stay unset
 */
public record HttpProviderOptions(
        String urlTemplate,
        @DefaultValue("GET") String method,
        String bodyTemplate,
        @DefaultValue("Authorization") String authHeader,
        @DefaultValue("Bearer") String authScheme,
        @DefaultValue Map<String, String> mapping) {

    public HttpProviderOptions {
        mapping.forEach((field, pointer) -> {
            try {
                JsonPointer.compile(pointer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mapping." + field + " is '" + pointer + "', not a JSON Pointer (/a/b): " + e.getMessage());
            }
        });
    }
}
