package io.leadhub.api;

import io.leadhub.ingest.ApiProperties;
import io.leadhub.ingest.crm.WebhooksProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The body limit runs before every other filter (authentication included), so no filter reads a body unlimited. */
@Configuration(proxyBeanMethods = false)
public class BodyLimitConfiguration {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(ApiProperties api, WebhooksProperties webhooks) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(api, webhooks));
        registration.setName("bodyLimitFilter");
        registration.setOrder(ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
