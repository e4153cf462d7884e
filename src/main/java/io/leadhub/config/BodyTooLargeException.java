package io.leadhub.config;

/**
 * A request body grew past its limit while it was being read. Unchecked, so that it passes through the readers
 * between the stream and the handler (Jackson, Camel's type converters) unchanged; whoever answers the request
 * turns it into 413 with this message, which names the limit and the property that sets it.
 */
public class BodyTooLargeException extends RuntimeException {

    /** The request attribute that holds the exception once a body went past its limit. */
    public static final String ATTRIBUTE = BodyTooLargeException.class.getName();

    private final long limit;
    private final String property;

    public BodyTooLargeException(long limit, String property) {
        super("body larger than " + limit + " bytes (" + property + ")", null, false, false);
        this.limit = limit;
        this.property = property;
    }

    public long limit() {
        return limit;
    }

    public String property() {
        return property;
    }

    /** The limit a request's body went past while it was read, or null (whatever reader caught the exception). */
    public static BodyTooLargeException of(jakarta.servlet.ServletRequest request) {
        return request != null && request.getAttribute(ATTRIBUTE) instanceof BodyTooLargeException e ? e : null;
    }

    /** The limit exception behind {@code error} (it may arrive wrapped by a converter or a framework), or null. */
    public static BodyTooLargeException in(Throwable error) {
        for (var e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof BodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
