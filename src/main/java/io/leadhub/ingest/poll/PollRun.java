package io.leadhub.ingest.poll;

import java.time.Instant;

/** The state of one scheduled run of a polled source, carried from page to page. */
public final class PollRun {

    private final String sourceName;
    private final SourcesProperties.Source config;
    private final Instant watermark;
    private Instant newest;
    private int pages;
    private long fetched;
    private long offset;
    private String cursor;
    private boolean hasMore = true;

    PollRun(String sourceName, SourcesProperties.Source config, Instant watermark) {
        this.sourceName = sourceName;
        this.config = config;
        this.watermark = watermark;
        this.newest = watermark;
    }

    public boolean hasMore() {
        return hasMore && pages < config.maxPages();
    }

    public String sourceName() { return sourceName; }
    SourcesProperties.Source config() { return config; }
    Instant watermark() { return watermark; }
    Instant newest() { return newest; }
    int pages() { return pages; }
    long fetched() { return fetched; }
    long offset() { return offset; }
    String cursor() { return cursor; }

    void seen(Instant updatedAt) {
        if (updatedAt != null && (newest == null || updatedAt.isAfter(newest))) {
            newest = updatedAt;
        }
    }

    void pageRead(int items, long offsetAfter, String nextCursor, boolean more) {
        pages++;
        fetched += items;
        offset = offsetAfter;
        cursor = nextCursor;
        hasMore = more;
    }
}
