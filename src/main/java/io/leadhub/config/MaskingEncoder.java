package io.leadhub.config;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The encoder of every appender of the hub: formats the event as a text line (pattern) or, when a structured
 * format is set (logging.structured.format.console: ecs, logstash, gelf), as JSON, then masks the whole result
 * with {@link PiiMasker}. Whatever part of the line a lead's email, phone or a key sits in (message, argument,
 * exception message or cause, MDC, thread name), it is masked before it leaves the process.
 */
public class MaskingEncoder extends EncoderBase<ILoggingEvent> {

    private String pattern;
    private String structuredFormat;
    private Charset charset = StandardCharsets.UTF_8;
    private Encoder<ILoggingEvent> delegate;

    public void setPattern(String pattern) { this.pattern = pattern; }
    public void setStructuredFormat(String structuredFormat) { this.structuredFormat = structuredFormat; }
    public void setCharset(Charset charset) { this.charset = charset; }

    @Override
    public void start() {
        if (structuredFormat != null && !structuredFormat.isBlank()) {
            var structured = new StructuredLogEncoder();
            structured.setFormat(structuredFormat);
            structured.setCharset(charset);
            delegate = structured;
        } else {
            var text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            text.setCharset(charset);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        var line = new String(delegate.encode(event), charset);
        return PiiMasker.mask(line).getBytes(charset);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
