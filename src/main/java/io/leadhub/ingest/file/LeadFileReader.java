package io.leadhub.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.ingest.IngestProperties;
import io.leadhub.ingest.RawRecord;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** The "read" step of the file drop: picks the format by extension and streams the file in chunks of records. */
@Component
public class LeadFileReader {

    private final ObjectMapper json;
    private final InboxProperties inbox;
    private final IngestProperties ingest;

    public LeadFileReader(ObjectMapper json, InboxProperties inbox, IngestProperties ingest) {
        this.ingest = ingest;
        this.json = json;
        this.inbox = inbox;
    }

    public Iterator<List<RawRecord>> read(@Body InputStream body, @Header("CamelFileName") String name,
                                          @Header("leadhubFileId") long fileId) throws IOException {
        var context = new FileContext("file:" + name, inbox.workspace(), fileId,
                ingest.chunkSize());
        var lower = name.toLowerCase(Locale.ROOT);
        var reader = TextDecoding.open(body);
        if (lower.endsWith(".json") || lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
            return new JsonLeadReader(reader, context, json, !lower.endsWith(".json"));
        }
        return new CsvLeadReader(reader, context, inbox.columns(), inbox.maxFieldBytes());
    }
}
