package io.leadhub.config;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * %maskedMsg: the message masked by {@link PiiMasker}. The hub's appenders mask their whole output with
 * {@link MaskingEncoder}; this converter is kept for patterns written with it.
 */
public class PiiMaskingConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    public static String mask(String text) {
        return PiiMasker.mask(text);
    }
}
