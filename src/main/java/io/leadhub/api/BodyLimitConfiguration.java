package io.leadhub.api;

import io.leadhub.config.LeadhubProperties;
import io.leadhub.ingest.ApiProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The body limit runs before every other filter (authentication included), so no filter reads a body unlimited. */
@Configuration(proxyBeanMethods = false)
public class BodyLimitConfiguration {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(ApiProperties api, LeadhubProperties properties) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(api, properties));
        registration.setName("bodyLimitFilter");
        registration.setOrder(ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
