package io.leadhub.ingest.poll;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.LeadhubProperties;
import io.leadhub.ingest.JsonRecordMapper;
import io.leadhub.ingest.RawRecord;
import io.leadhub.ingest.crm.HubSpotContacts;
import io.leadhub.ingest.crm.HubSpotProperties;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of the poll-source route: start a run from the stored watermark, prepare each page's request,
 * read each page into records, and store the new watermark once every page is ingested, so a crash repeats
 * a run instead of skipping records.
 */
@Component
public class SourcePolls {

    private static final Logger log = LoggerFactory.getLogger(SourcePolls.class);
    /** HubSpot's search endpoint pages through at most 10,000 results of one query. */
    private static final int HUBSPOT_SEARCH_WINDOW = 10_000;

    private final LeadhubProperties properties;
    private final HubSpotProperties hubspot;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final HubSpotContacts hubSpotContacts;

    public SourcePolls(LeadhubProperties properties, HubSpotProperties hubspot, JdbcClient jdbc, ObjectMapper json, Clock clock,
                       HubSpotContacts hubSpotContacts) {
        this.properties = properties;
        this.hubspot = hubspot;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.hubSpotContacts = hubSpotContacts;
    }

    /** The URL a source's requests go to, without query: the route's static endpoint. */
    public String endpointFor(LeadhubProperties.Source source) {
        if ("hubspot".equals(source.getType())) {
            return hubspot.apiBaseUrl().replaceAll("/+$", "") + "/crm/v3/objects/contacts/search";
        }
        var uri = URI.create(source.getUrl());
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    public PollRun start(@Header("leadhubSourceName") String name) {
        var config = properties.getSources().get(name);
        var watermark = jdbc.sql("SELECT watermark FROM poll_watermark WHERE source_name = :name")
                .param("name", name).query(String.class).optional().map(Instant::parse).orElse(null);
        log.info("Polling source {} for records updated after {}", name, watermark == null ? "the beginning" : watermark);
        return new PollRun(name, config, watermark);
    }

    /** Sets method, query, headers and body of the next page's request. */
    public void request(@ExchangeProperty("leadhubPoll") PollRun run, Exchange exchange) throws IOException {
        var message = exchange.getMessage();
        message.removeHeaders("*", "leadhub*");
        var config = run.config();
        if ("hubspot".equals(config.getType())) {
            message.setHeader(Exchange.HTTP_METHOD, "POST");
            message.setHeader("Authorization", "Bearer " + hubspot.accessToken());
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(hubSpotSearch(run));
            return;
        }
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader("Accept", "application/json");
        if (config.getAuthValue() != null && !config.getAuthValue().isBlank()) {
            message.setHeader(config.getAuthHeader(), config.getAuthValue());
        }
        var query = new StringBuilder(URI.create(config.getUrl()).getRawQuery() == null ? "" : URI.create(config.getUrl()).getRawQuery());
        if (run.watermark() != null && !config.getUpdatedSinceParam().isBlank()) {
            param(query, config.getUpdatedSinceParam(), run.watermark().toString());
        }
        switch (config.getPagination()) {
            case "offset" -> {
                param(query, config.getOffsetParam(), Long.toString(run.offset()));
                param(query, config.getSizeParam(), Integer.toString(config.getPageSize()));
            }
            case "cursor" -> {
                if (run.cursor() != null) {
                    param(query, config.getCursorParam(), run.cursor());
                }
                param(query, config.getSizeParam(), Integer.toString(config.getPageSize()));
            }
            default -> {
                param(query, config.getPageParam(), Integer.toString(config.getFirstPage() + run.pages()));
                param(query, config.getSizeParam(), Integer.toString(config.getPageSize()));
            }
        }
        message.setHeader(Exchange.HTTP_QUERY, query.toString());
        message.setBody(null);
    }

    /** The page's items as records, skipping those not newer than the watermark; moves the run to the next page. */
    public List<RawRecord> readPage(@Body byte[] body, @ExchangeProperty("leadhubPoll") PollRun run) throws IOException {
        var config = run.config();
        var root = json.readTree(body);
        var hubspot = "hubspot".equals(config.getType());
        var items = root.at(JsonPointer.compile(hubspot ? "/results" : config.getItemsPointer()));
        var records = new ArrayList<RawRecord>();
        var source = "poll:" + run.sourceName();
        int index = 0;
        for (var item : items) {
            var updatedAt = updatedAt(item, hubspot ? "/properties/lastmodifieddate" : config.getUpdatedAtPointer());
            index++;
            if (run.watermark() != null && updatedAt != null && updatedAt.isBefore(run.watermark())) {
                continue;
            }
            run.seen(updatedAt);
            var id = hubspot ? item.path("id").asText() : idOf(item, config.getMapping());
            var ref = (id == null ? Integer.toString(index) : id) + "@" + (updatedAt == null ? "" : updatedAt);
            var position = "page " + (run.pages() + 1) + " item " + index;
            if (hubspot) {
                var record = hubSpotContacts.toRecord(item, source, config.getWorkspace(), ref);
                records.add(record);
            } else {
                var record = new RawRecord(source, config.getWorkspace(), ref, position);
                records.add(config.getMapping().isEmpty()
                        ? JsonRecordMapper.byKeyNames(item, record, json)
                        : JsonRecordMapper.byPointers(item, config.getMapping(), record, json));
            }
        }
        int count = items.size();
        if (hubspot) {
            var after = root.at("/paging/next/after").asText(null);
            run.pageRead(count, 0, after, after != null && !after.isEmpty());
        } else {
            switch (config.getPagination()) {
                case "offset" -> run.pageRead(count, run.offset() + count, null, count >= config.getPageSize());
                case "cursor" -> {
                    var next = root.at(JsonPointer.compile(config.getCursorPointer())).asText(null);
                    run.pageRead(count, 0, next, count > 0 && next != null && !next.isEmpty());
                }
                default -> run.pageRead(count, 0, null, count >= config.getPageSize());
            }
        }
        return records;
    }

    /** Every page is stored: the next run starts from the newest update seen. */
    public void finish(@ExchangeProperty("leadhubPoll") PollRun run) {
        jdbc.sql("""
                        INSERT INTO poll_watermark (source_name, watermark, last_run_at, last_fetched, last_error)
                        VALUES (:name, :watermark, :now, :fetched, NULL)
                        ON CONFLICT (source_name) DO UPDATE SET watermark = EXCLUDED.watermark,
                            last_run_at = EXCLUDED.last_run_at, last_fetched = EXCLUDED.last_fetched, last_error = NULL""")
                .param("name", run.sourceName())
                .param("watermark", run.newest() == null ? null : run.newest().toString())
                .param("now", Timestamp.from(clock.instant()))
                .param("fetched", run.fetched())
                .update();
        log.info("Polled source {}: {} records in {} pages; watermark now {}", run.sourceName(), run.fetched(),
                run.pages(), run.newest());
    }

    public void failed(@Header("leadhubSourceName") String name, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        var reason = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        log.warn("Polling source {} failed, its watermark stays where it was: {}", name, reason);
        jdbc.sql("""
                        INSERT INTO poll_watermark (source_name, last_run_at, last_error) VALUES (:name, :now, :error)
                        ON CONFLICT (source_name) DO UPDATE SET last_run_at = EXCLUDED.last_run_at, last_error = EXCLUDED.last_error""")
                .param("name", name).param("now", Timestamp.from(clock.instant())).param("error", reason).update();
    }

    private String hubSpotSearch(PollRun run) throws IOException {
        var filters = new ArrayList<Map<String, Object>>();
        var cursor = run.cursor();
        var since = run.watermark();
        if (cursor != null && Integer.parseInt(cursor) + 100 >= HUBSPOT_SEARCH_WINDOW) {
            // start a fresh query from the newest record seen, as the search window is about to end
            since = run.newest();
            cursor = null;
        }
        if (since != null) {
            filters.add(Map.of("propertyName", "lastmodifieddate", "operator", "GT", "value", Long.toString(since.toEpochMilli())));
        }
        var search = new java.util.LinkedHashMap<String, Object>();
        search.put("filterGroups", filters.isEmpty() ? List.of() : List.of(Map.of("filters", filters)));
        search.put("sorts", List.of(Map.of("propertyName", "lastmodifieddate", "direction", "ASCENDING")));
        search.put("properties", List.of(hubspot.contactProperties().split(",")));
        search.put("limit", 100);
        if (cursor != null) {
            search.put("after", cursor);
        }
        return json.writeValueAsString(search);
    }

    private static String idOf(JsonNode item, Map<String, String> mapping) {
        var pointer = mapping.getOrDefault("sourceId", "/id");
        var id = item.at(JsonPointer.compile(pointer));
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }

    static Instant updatedAt(JsonNode item, String pointer) {
        var node = item.at(JsonPointer.compile(pointer));
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        var text = node.asText().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException notMillis) {
                return null;
            }
        }
    }

    private static void param(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
