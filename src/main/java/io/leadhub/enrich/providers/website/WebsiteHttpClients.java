package io.leadhub.enrich.providers.website;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.leadhub.enrich.ProviderProperties;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of each website provider: its own connection pool whose name resolution is the SSRF guard
 * (it connects only to addresses the guard checked, redirects included), and downloads bounded by max-bytes
 * and the call's deadline. Installed on the provider's endpoint only, through camel-http's httpClientConfigurer.
 */
@Component
public class WebsiteHttpClients implements DisposableBean {

    private final HostResolver resolver;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "website-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    @org.springframework.beans.factory.annotation.Autowired
    public WebsiteHttpClients(ObjectProvider<HostResolver> resolver) {
        this(resolver.getIfAvailable(() -> HostResolver.SYSTEM));
    }

    WebsiteHttpClients(HostResolver resolver) {
        this.resolver = resolver;
    }

    public AddressGuard guard(WebsiteProviderOptions options) {
        return new AddressGuard(options.allowLoopback(), resolver);
    }

    public HttpClientConfigurer configurer(ProviderProperties config, WebsiteProviderOptions options) {
        var guard = guard(options);
        return builder -> {
            var timeout = Timeout.of(config.timeout());
            builder.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(new GuardedDnsResolver(guard))
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                    .setMaxConnTotal(64)
                    .setMaxConnPerRoute(4)
                    .build());
            builder.setConnectionManagerShared(false);
            builder.addExecInterceptorFirst("leadhub-bounded-download",
                    new BoundedDownloads(options.maxBytes(), options.effectiveDeadline(config.timeout()), timer));
        };
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
