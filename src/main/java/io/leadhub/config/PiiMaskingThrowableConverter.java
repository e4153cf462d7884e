package io.leadhub.config;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Stack traces carry exception messages, which may quote a lead's email: masked like messages. */
public class PiiMaskingThrowableConverter extends ExtendedThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return PiiMaskingConverter.mask(super.convert(event));
    }
}
