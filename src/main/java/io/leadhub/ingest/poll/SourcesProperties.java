package io.leadhub.ingest.poll;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The polled sources (leadhub.sources.&lt;name&gt;.*): each one a route that pages through an API on a cron.
 *
 * @param sources the sources by name (the name is the source's id in its leads, watermark and routes)
 */
@ConfigurationProperties("leadhub")
public record SourcesProperties(@DefaultValue Map<String, Source> sources) {

    /**
     * One polled source.
     *
     * @param type              http (generic paginated JSON) or hubspot (contacts search by lastmodifieddate, through
     *                          leadhub.hubspot)
     * @param cron              Quartz cron of the polls
     * @param enabled           off: no route, and POST /api/sources/&lt;name&gt;/poll answers 404
     * @param workspace         the workspace the leads belong to
     * @param url               http type: the URL polled (its query is kept)
     * @param authHeader        http type: the header carrying auth-value
     * @param authValue         http type: the secret header value; put ${SOME_ENV_VAR} here, never the key itself
     * @param pagination        http type: page, offset or cursor
     * @param pageParam         query parameter of the page number (page pagination)
     * @param firstPage         number of the first page (page pagination)
     * @param sizeParam         query parameter of the page size
     * @param pageSize          items asked for per page; a shorter page is the last
     * @param offsetParam       query parameter of the offset (offset pagination)
     * @param cursorParam       query parameter of the cursor (cursor pagination)
     * @param cursorPointer     JSON Pointer to the next cursor in a response (cursor pagination)
     * @param itemsPointer      JSON Pointer to the array of items in a response
     * @param updatedSinceParam query parameter carrying the watermark (the newest update seen); empty disables
     *                          server-side filtering
     * @param updatedAtPointer  JSON Pointer, inside an item, to its last-update time (ISO-8601 or epoch millis)
     * @param maxPages          pages read at most in one run
     * @param mapping           lead field (email, firstName, ..., sourceId) to JSON Pointer in an item; empty: keys are
     *                          read by their names
     */
    public record Source(
            @DefaultValue("http") String type,
            @DefaultValue("0 0/15 * * * ?") String cron,
            @DefaultValue("true") boolean enabled,
            @DefaultValue("default") String workspace,
            String url,
            @DefaultValue("Authorization") String authHeader,
            String authValue,
            @DefaultValue("page") String pagination,
            @DefaultValue("page") String pageParam,
            @DefaultValue("1") int firstPage,
            @DefaultValue("per_page") String sizeParam,
            @DefaultValue("100") int pageSize,
            @DefaultValue("offset") String offsetParam,
            @DefaultValue("cursor") String cursorParam,
            @DefaultValue("/next_cursor") String cursorPointer,
            @DefaultValue("/data") String itemsPointer,
            @DefaultValue("updated_since") String updatedSinceParam,
            @DefaultValue("/updated_at") String updatedAtPointer,
            @DefaultValue("1000") int maxPages,
            @DefaultValue Map<String, String> mapping) {

        @Override
        public String toString() {
            return "Source[type=" + type + ", url=" + url + ", workspace=" + workspace + ", authValue=" + (authValue == null || authValue.isBlank() ? "none" : "***") + "]";
        }
    }
}
