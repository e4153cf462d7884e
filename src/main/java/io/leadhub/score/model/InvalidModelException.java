package io.leadhub.score.model;

/** The bytes given to {@link ConversionModel#fromBytes(byte[])} are not a conversion model this code can read. */
public final class InvalidModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidModelException(String message) {
        super(message);
    }

    InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
