package io.leadhub.config;

import java.util.regex.Pattern;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Masks email addresses and phone-number-like digit runs in log messages: j***@acme.com, +******32. */
public class PiiMaskingConverter extends MessageConverter {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w-])(\\+\\d{1,3}[\\s.-]?)?\\(?\\d{2,4}\\)?[\\s.-]?\\d{3,4}[\\s.-]?\\d{3,4}(?![\\w-])");

    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        var masked = EMAIL.matcher(text).replaceAll("$1***@$2");
        return PHONE.matcher(masked).replaceAll(m -> {
            var phone = m.group();
            return phone.charAt(0) + "******" + phone.substring(phone.length() - 2);
        });
    }
}
