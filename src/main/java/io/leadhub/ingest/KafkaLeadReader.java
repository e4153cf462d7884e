package io.leadhub.ingest;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The "read" step of ingest-kafka: a message of the input topic (one lead object or an array) as records,
 * mapped like the generic webhook. The delivery reference is topic, partition and offset, so a message
 * delivered again after a crash stores nothing new; a message that is not JSON becomes a rejection with the
 * reason, and the partition goes on.
 */
@Component
public class KafkaLeadReader {

    private final KafkaInputProperties config;
    private final ObjectMapper json;

    public KafkaLeadReader(KafkaInputProperties config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public List<RawRecord> read(@Body String value, @Header("kafka.TOPIC") String topic, @Header("kafka.PARTITION") Integer partition,
                                @Header("kafka.OFFSET") Long offset) {
        var source = "kafka:" + topic;
        var ref = topic + "-" + partition + "@" + offset;
        var position = "partition " + partition + " offset " + offset;
        try {
            var root = json.readTree(value == null ? "" : value);
            if (root == null || root.isMissingNode() || !(root.isObject() || root.isArray())) {
                return List.of(RawRecord.unparseable(source, config.workspace(), ref, position,
                        "the message is not a JSON object or array of objects", abbreviate(value)));
            }
            var items = root.isArray() ? root : json.createArrayNode().add(root);
            var records = new ArrayList<RawRecord>(items.size());
            for (int i = 0; i < items.size(); i++) {
                var record = new RawRecord(source, config.workspace(), ref + "#" + i, position + (items.size() > 1 ? " index " + i : ""));
                records.add(config.mapping().isEmpty()
                        ? JsonRecordMapper.byKeyNames(items.get(i), record, json)
                        : JsonRecordMapper.byPointers(items.get(i), config.mapping(), record, json));
            }
            return records;
        } catch (JsonProcessingException e) {
            return List.of(RawRecord.unparseable(source, config.workspace(), ref, position,
                    "the message is " + JsonErrors.reason(e), abbreviate(value)));
        }
    }

    private static String abbreviate(String value) {
        return value == null ? "" : value.length() > 2000 ? value.substring(0, 2000) : value;
    }
}
