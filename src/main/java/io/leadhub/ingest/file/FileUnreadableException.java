package io.leadhub.ingest.file;

/** The file as a whole cannot be read as leads; it moves to .error with this reason. */
public class FileUnreadableException extends RuntimeException {
    public FileUnreadableException(String reason) {
        super(reason);
    }

    public FileUnreadableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
