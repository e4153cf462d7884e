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

    private final SourcesProperties sources;
    private final HubSpotProperties hubspot;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final HubSpotContacts hubSpotContacts;

    public SourcePolls(SourcesProperties sources, HubSpotProperties hubspot, JdbcClient jdbc, ObjectMapper json, Clock clock,
                       HubSpotContacts hubSpotContacts) {
        this.sources = sources;
        this.hubspot = hubspot;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.hubSpotContacts = hubSpotContacts;
    }

    /** The URL a source's requests go to, without query: the route's static endpoint. */
    public String endpointFor(SourcesProperties.Source source) {
        if ("hubspot".equals(source.type())) {
            return hubspot.apiBaseUrl().replaceAll("/+$", "") + "/crm/v3/objects/contacts/search";
        }
        var uri = URI.create(source.url());
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    public PollRun start(@Header("leadhubSourceName") String name) {
        var config = sources.sources().get(name);
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
        if ("hubspot".equals(config.type())) {
            message.setHeader(Exchange.HTTP_METHOD, "POST");
            message.setHeader("Authorization", "Bearer " + hubspot.accessToken());
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(hubSpotSearch(run));
            return;
        }
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader("Accept", "application/json");
        if (config.authValue() != null && !config.authValue().isBlank()) {
            message.setHeader(config.authHeader(), config.authValue());
        }
        var query = new StringBuilder(URI.create(config.url()).getRawQuery() == null ? "" : URI.create(config.url()).getRawQuery());
        if (run.watermark() != null && !config.updatedSinceParam().isBlank()) {
            param(query, config.updatedSinceParam(), run.watermark().toString());
        }
        switch (config.pagination()) {
            case "offset" -> {
                param(query, config.offsetParam(), Long.toString(run.offset()));
                param(query, config.sizeParam(), Integer.toString(config.pageSize()));
            }
            case "cursor" -> {
                if (run.cursor() != null) {
                    param(query, config.cursorParam(), run.cursor());
                }
                param(query, config.sizeParam(), Integer.toString(config.pageSize()));
            }
            default -> {
                param(query, config.pageParam(), Integer.toString(config.firstPage() + run.pages()));
                param(query, config.sizeParam(), Integer.toString(config.pageSize()));
            }
        }
        message.setHeader(Exchange.HTTP_QUERY, query.toString());
        message.setBody(null);
    }

    /** The page's items as records, skipping those not newer than the watermark; moves the run to the next page. */
    public List<RawRecord> readPage(@Body byte[] body, @ExchangeProperty("leadhubPoll") PollRun run) throws IOException {
        var config = run.config();
        var root = json.readTree(body);
        var hubspot = "hubspot".equals(config.type());
        var items = root.at(JsonPointer.compile(hubspot ? "/results" : config.itemsPointer()));
        var records = new ArrayList<RawRecord>();
        var source = "poll:" + run.sourceName();
        int index = 0;
        for (var item : items) {
            var updatedAt = updatedAt(item, hubspot ? "/properties/lastmodifieddate" : config.updatedAtPointer());
            index++;
            if (run.watermark() != null && updatedAt != null && updatedAt.isBefore(run.watermark())) {
                continue;
            }
            run.seen(updatedAt);
            var id = hubspot ? item.path("id").asText() : idOf(item, config.mapping());
            var ref = (id == null ? Integer.toString(index) : id) + "@" + (updatedAt == null ? "" : updatedAt);
            var position = "page " + (run.pages() + 1) + " item " + index;
            if (hubspot) {
                var record = hubSpotContacts.toRecord(item, source, config.workspace(), ref);
                records.add(record);
            } else {
                var record = new RawRecord(source, config.workspace(), ref, position);
                records.add(config.mapping().isEmpty()
                        ? JsonRecordMapper.byKeyNames(item, record, json)
                        : JsonRecordMapper.byPointers(item, config.mapping(), record, json));
            }
        }
        int count = items.size();
        if (hubspot) {
            var after = root.at("/paging/next/after").asText(null);
            run.pageRead(count, 0, after, after != null && !after.isEmpty());
        } else {
            switch (config.pagination()) {
                case "offset" -> run.pageRead(count, run.offset() + count, null, count >= config.pageSize());
                case "cursor" -> {
                    var next = root.at(JsonPointer.compile(config.cursorPointer())).asText(null);
                    run.pageRead(count, 0, next, count > 0 && next != null && !next.isEmpty());
                }
                default -> run.pageRead(count, 0, null, count >= config.pageSize());
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
