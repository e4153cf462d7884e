package io.leadhub.enrich.providers.website;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadhub.enrich.ProviderRefusedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://10.0.0.5/admin", "http://169.254.169.254/latest/meta-data/",
            "http://192.168.1.1/", "http://172.16.0.1/", "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/",
            "http://0.0.0.0/", "file:///etc/passwd", "gopher://example.com/"})
    void refusesAnythingButPublicHttp(String url) {
        assertThatThrownBy(() -> new AddressGuard(false).check(url)).isInstanceOf(ProviderRefusedException.class);
    }

    @Test
    void letsPublicAddressesThrough() {
        assertThatCode(() -> new AddressGuard(false).check("https://93.184.215.14/")).doesNotThrowAnyException();
    }

    @Test
    void theTestOptInCoversLoopbackOnly() {
        assertThatCode(() -> new AddressGuard(true).check("http://127.0.0.1:8080/")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new AddressGuard(true).check("http://10.0.0.5/")).isInstanceOf(ProviderRefusedException.class);
        assertThatThrownBy(() -> new AddressGuard(true).check("http://169.254.169.254/")).isInstanceOf(ProviderRefusedException.class);
    }
}
