package io.leadhub.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads for the API: leads (filtered, paged) with their source records, rejections and dropped files. */
@Component
public class LeadQueries {

    private static final int MAX_PAGE_SIZE = 500;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public LeadQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Page<T>(List<T> items, long total, int page, int size) {
    }

    public Page<Map<String, Object>> search(@Header("leadhubCaller") String callerWorkspace,
                                            @Header("workspace") String requestedWorkspace,
                                            @Header("status") String status, @Header("source") String source,
                                            @Header("q") String text, @Header("page") Integer page,
                                            @Header("size") Integer size) {
        var where = new StringBuilder(" WHERE true");
        var params = new LinkedHashMap<String, Object>();
        var workspace = visible(callerWorkspace, requestedWorkspace);
        if (workspace != null) {
            where.append(" AND l.workspace = :workspace");
            params.put("workspace", workspace);
        }
        if (status != null && !status.isBlank()) {
            where.append(" AND l.status = :status");
            params.put("status", status);
        }
        if (source != null && !source.isBlank()) {
            where.append(" AND EXISTS (SELECT 1 FROM source_record s WHERE s.lead_id = l.id AND " + sourceMatches("s.source") + ")");
            params.putAll(sourceParams(source));
        }
        if (text != null && !text.isBlank()) {
            where.append(" AND (l.email ILIKE :text OR l.full_name ILIKE :text OR l.company_name ILIKE :text OR l.company_domain ILIKE :text)");
            params.put("text", "%" + text.strip().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        int p = page == null || page < 0 ? 0 : page;
        int s = size == null || size <= 0 ? 50 : Math.min(size, MAX_PAGE_SIZE);
        long total = jdbc.sql("SELECT count(*) FROM lead l" + where).params(params).query(Long.class).single();
        params.put("limit", s);
        params.put("offset", (long) p * s);
        var items = jdbc.sql("SELECT l.* FROM lead l" + where + " ORDER BY l.received_at DESC, l.id LIMIT :limit OFFSET :offset")
                .params(params).query(this::lead).list();
        return new Page<>(items, total, p, s);
    }

    /** A source filter: "file" matches every file:<name>, "webhook" every webhook:<name>, an exact name itself. */
    public static String sourceMatches(String column) {
        return "(" + column + " = :source OR " + column + " LIKE :sourcePrefix)";
    }

    public static Map<String, Object> sourceParams(String source) {
        return Map.of("source", source, "sourcePrefix", source.replace("%", "\\%").replace("_", "\\_") + ":%");
    }

    /**
     * The workspace a caller may read: its own, or for an operator ("*") the one asked for, or all (null).
     */
    public static String visible(String callerWorkspace, String requested) {
        if (callerWorkspace == null || callerWorkspace.isBlank()) {
            throw new IllegalStateException("no caller: the workspace comes from the authenticated key");
        }
        if (!"*".equals(callerWorkspace)) {
            return callerWorkspace;
        }
        return requested == null || requested.isBlank() ? null : requested;
    }

    public Optional<Map<String, Object>> lead(UUID id, String workspace) {
        return jdbc.sql("SELECT * FROM lead WHERE id = :id AND (CAST(:workspace AS text) IS NULL OR workspace = :workspace)")
                .param("id", id).param("workspace", workspace)
                .query(this::lead).optional()
                .map(lead -> {
                    lead.put("sourceRecords", jdbc.sql("""
                                    SELECT source, source_id, delivery_ref, position, received_at, raw
                                    FROM source_record WHERE lead_id = :id ORDER BY received_at, id""")
                            .param("id", id)
                            .query((rs, n) -> {
                                var record = new LinkedHashMap<String, Object>();
                                record.put("source", rs.getString("source"));
                                record.put("sourceId", rs.getString("source_id"));
                                record.put("deliveryRef", rs.getString("delivery_ref"));
                                record.put("position", rs.getString("position"));
                                record.put("receivedAt", rs.getTimestamp("received_at").toInstant());
                                record.put("raw", rs.getString("raw"));
                                return record;
                            }).list());
                    return lead;
                });
    }

    public Page<Map<String, Object>> rejections(String workspace, String source, Long fileId, int page, int size) {
        var where = new StringBuilder(" WHERE true");
        var params = new LinkedHashMap<String, Object>();
        if (workspace != null) {
            where.append(" AND workspace = :workspace");
            params.put("workspace", workspace);
        }
        if (source != null && !source.isBlank()) {
            where.append(" AND " + sourceMatches("source"));
            params.putAll(sourceParams(source));
        }
        if (fileId != null) {
            where.append(" AND file_id = :fileId");
            params.put("fileId", fileId);
        }
        int s = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
        long total = jdbc.sql("SELECT count(*) FROM ingest_rejection" + where).params(params).query(Long.class).single();
        params.put("limit", s);
        params.put("offset", (long) Math.max(page, 0) * s);
        var items = jdbc.sql("SELECT * FROM ingest_rejection" + where + " ORDER BY rejected_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, n) -> {
                    var row = new LinkedHashMap<String, Object>();
                    row.put("id", rs.getLong("id"));
                    row.put("source", rs.getString("source"));
                    row.put("fileId", rs.getObject("file_id"));
                    row.put("position", rs.getString("position"));
                    row.put("reason", rs.getString("reason"));
                    row.put("raw", rs.getString("raw"));
                    row.put("rejectedAt", rs.getTimestamp("rejected_at").toInstant());
                    return (Map<String, Object>) row;
                }).list();
        return new Page<>(items, total, Math.max(page, 0), s);
    }

    public List<Map<String, Object>> files(String workspace) {
        return jdbc.sql("""
                        SELECT * FROM ingest_file WHERE (CAST(:workspace AS text) IS NULL OR workspace = :workspace)
                        ORDER BY started_at DESC, id DESC LIMIT 200""")
                .param("workspace", workspace)
                .query((rs, n) -> {
                    var row = new LinkedHashMap<String, Object>();
                    row.put("id", rs.getLong("id"));
                    row.put("name", rs.getString("name"));
                    row.put("sizeBytes", rs.getLong("size_bytes"));
                    row.put("status", rs.getString("status"));
                    row.put("rowsRead", rs.getLong("rows_read"));
                    row.put("accepted", rs.getLong("accepted"));
                    row.put("rejected", rs.getLong("rejected"));
                    row.put("error", rs.getString("error"));
                    row.put("rejectionReport", rs.getString("report_path"));
                    row.put("startedAt", rs.getTimestamp("started_at").toInstant());
                    row.put("updatedAt", rs.getTimestamp("updated_at").toInstant());
                    var finished = rs.getTimestamp("finished_at");
                    row.put("finishedAt", finished == null ? null : finished.toInstant());
                    return (Map<String, Object>) row;
                }).list();
    }

    public List<Map<String, Object>> watermarks() {
        return new ArrayList<>(jdbc.sql("SELECT * FROM poll_watermark ORDER BY source_name")
                .query((rs, n) -> {
                    var row = new LinkedHashMap<String, Object>();
                    row.put("source", rs.getString("source_name"));
                    row.put("watermark", rs.getString("watermark"));
                    var last = rs.getTimestamp("last_run_at");
                    row.put("lastRunAt", last == null ? null : last.toInstant());
                    row.put("lastFetched", rs.getLong("last_fetched"));
                    row.put("lastError", rs.getString("last_error"));
                    return (Map<String, Object>) row;
                }).list());
    }

    private Map<String, Object> lead(ResultSet rs, int row) throws SQLException {
        var lead = new LinkedHashMap<String, Object>();
        lead.put("id", rs.getObject("id", UUID.class));
        lead.put("workspace", rs.getString("workspace"));
        lead.put("leadKey", rs.getString("lead_key"));
        lead.put("status", rs.getString("status"));
        lead.put("email", rs.getString("email"));
        lead.put("firstName", rs.getString("first_name"));
        lead.put("lastName", rs.getString("last_name"));
        lead.put("fullName", rs.getString("full_name"));
        lead.put("title", rs.getString("title"));
        lead.put("phone", rs.getString("phone"));
        lead.put("linkedinUrl", rs.getString("linkedin_url"));
        lead.put("companyName", rs.getString("company_name"));
        lead.put("companyNameNormalized", rs.getString("company_name_normalized"));
        lead.put("companyDomain", rs.getString("company_domain"));
        lead.put("website", rs.getString("website"));
        lead.put("country", rs.getString("country"));
        lead.put("city", rs.getString("city"));
        try {
            lead.put("attributes", json.readValue(rs.getString("attributes"), Map.class));
        } catch (JsonProcessingException e) {
            lead.put("attributes", Map.of());
        }
        lead.put("firstSource", rs.getString("first_source"));
        lead.put("receivedAt", rs.getTimestamp("received_at").toInstant());
        lead.put("updatedAt", rs.getTimestamp("updated_at").toInstant());
        return lead;
    }
}
