package io.leadhub.enrich.providers.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.leadhub.config.BoundProperties;
import io.leadhub.enrich.ProviderProperties;
import io.leadhub.enrich.ProviderRefusedException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a name that answers a public address when the guard checks it and 127.0.0.1 when the client
 * connects. The website analyser's client (built by its camel-http configurer) resolves through the guard, so
 * it never connects; a client that resolves by itself, as before, reaches the local server.
 */
class PinnedAddressTest {

    private final WireMockServer local = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    private final AtomicInteger lookups = new AtomicInteger();
    /** First answer public, every later one loopback. */
    private final HostResolver rebinding = host -> {
        if (!host.equals("rebind.example")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByName(lookups.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1")};
    };

    @BeforeEach
    void start() {
        local.start();
        local.stubFor(WireMock.get("/").willReturn(WireMock.ok("internal admin page")));
    }

    @AfterEach
    void stop() {
        local.stop();
    }

    private String url() {
        return "http://rebind.example:" + local.port() + "/";
    }

    @Test
    void theClientConnectsOnlyToAddressesTheGuardChecked() throws Exception {
        var config = BoundProperties.of("leadhub.providers.site", ProviderProperties.class, "type", "website");
        var options = BoundProperties.of("leadhub.providers.site", WebsiteProviderOptions.class);
        var clients = new WebsiteHttpClients(rebinding);
        assertThatCode(() -> clients.guard(options).check(url())).doesNotThrowAnyException(); // public at check time

        var builder = HttpClients.custom();
        clients.configurer(config, options).configureHttpClient(builder);
        try (var client = builder.build()) {
            assertThatThrownBy(() -> client.execute(new HttpGet(url()), response -> EntityUtils.toString(response.getEntity())))
                    .isInstanceOf(UnknownHostException.class)
                    .hasMessageContaining("refused non-public address 127.0.0.1")
                    .hasCauseInstanceOf(ProviderRefusedException.class);
        }
        assertThat(local.getAllServeEvents()).isEmpty();
        assertThat(lookups.get()).isEqualTo(2);
        clients.destroy();
    }

    @Test
    void controlAClientResolvingByItselfIsRebound() throws Exception {
        assertThatCode(() -> new AddressGuard(false, rebinding).check(url())).doesNotThrowAnyException();
        // what camel-http did before: its own resolution after the check
        var manager = PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(new org.apache.hc.client5.http.DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return rebinding.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        }).build();
        try (var client = HttpClients.custom().setConnectionManager(manager).build()) {
            var body = client.execute(new HttpGet(url()), response -> EntityUtils.toString(response.getEntity()));
            assertThat(body).isEqualTo("internal admin page");
        }
        assertThat(local.getAllServeEvents()).hasSize(1);
    }
}
