package io.leadhub.ingest.file;

/** What every record read from one dropped file shares. */
record FileContext(String source, String workspace, long fileId, int chunkSize) {

    /** The file row identifies name, size and modification time, so re-reading after a crash gives the same refs. */
    String deliveryRef(long line) {
        return "file:" + fileId + ":line:" + line;
    }
}
