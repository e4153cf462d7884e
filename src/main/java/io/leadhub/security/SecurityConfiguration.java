package io.leadhub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The one place that decides who may call what, on the normalised path: Spring Security's filter chain in front
 * of everything the web server serves (MVC controllers, Camel platform-http routes, actuator, OpenAPI). Its
 * {@link StrictHttpFirewall} refuses path spellings that could be read two ways (encoded '/', '.', '%', ';',
 * '//', '/./', '/../', control characters) before any rule is matched. Denied by default: only the configured
 * public paths and the webhooks (which verify their vendors' signatures) are answered without a key.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** Paths that span every workspace: operators only (a key mapped to "*", or loopback with no key configured). */
    static final String[] OPERATOR_PATHS = {"/actuator/**", "/api/dead-letters", "/api/dead-letters/**",
            "/api/sources/**", "/api/providers", "/api/providers/**"};

    @Bean
    JsonDenials jsonDenials(ObjectMapper json, SecurityProperties properties) {
        return new JsonDenials(json, !properties.configuredKeys().isEmpty());
    }

    @Bean
    StrictHttpFirewall httpFirewall() {
        return new StrictHttpFirewall();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, JsonDenials denials) throws Exception {
        var keys = properties.configuredKeys();
        if (keys.isEmpty()) {
            log.warn("No API key configured (leadhub.security.api-keys): the hub answers loopback clients only");
        } else {
            log.info("API keys required ({} configured); public without a key: {}", keys.size(), properties.publicPaths());
        }
        var publicPaths = properties.publicPaths().toArray(String[]::new);
        http.securityMatcher("/**")
                .csrf(csrf -> csrf.disable()) // keys travel in headers, never in cookies: no ambient credential to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(properties, denials), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(denials).accessDeniedHandler(denials))
                .authorizeHttpRequests(auth -> auth
                        // a request already authorised when it was dispatched: its async completion and error page
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(publicPaths).permitAll()
                        .requestMatchers("/webhooks/**").permitAll()
                        // hub-wide things (every tenant's dead letters, polled sources, provider spend, metrics)
                        .requestMatchers(OPERATOR_PATHS).hasRole("OPERATOR")
                        .anyRequest().authenticated());
        return http.build();
    }

    /** Forwarded headers believed only from the configured proxies; runs before the security chain. */
    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(SecurityProperties properties) {
        var registration = new FilterRegistrationBean<>(new ClientAddressFilter(properties.trustedProxies()));
        registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
