package io.leadhub.enrich.providers.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.leadhub.enrich.ProviderRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF table: each URL and whether the website analyser may fetch it. Names resolve through a fixed table, no DNS. */
class AddressGuardTest {

    /** public.example answers a public address, internal.example a private one, dual.example both. */
    private static final HostResolver NAMES = host -> switch (host) {
        case "public.example" -> new InetAddress[]{InetAddress.getByName("93.184.215.14")};
        case "internal.example" -> new InetAddress[]{InetAddress.getByName("10.1.2.3")};
        case "dual.example" -> new InetAddress[]{InetAddress.getByName("93.184.215.14"), InetAddress.getByName("fd00:ec2::254")};
        default -> throw new UnknownHostException(host);
    };

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://93.184.215.14/                              | allow
            http://public.example/                              | allow
            https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/   | allow
            http://8.8.8.8:8080/path?q=1                        | allow
            http://127.0.0.1/                                   | refuse
            http://127.8.9.1/                                   | refuse
            http://[::1]/                                       | refuse
            http://[::]/                                        | refuse
            http://0.0.0.0/                                     | refuse
            http://0.1.2.3/                                     | refuse
            http://10.0.0.5/admin                               | refuse
            http://172.16.0.1/                                  | refuse
            http://172.31.255.255/                              | refuse
            http://192.168.1.1/                                 | refuse
            http://100.64.0.1/                                  | refuse
            http://100.100.100.200/latest/meta-data/            | refuse
            http://169.254.169.254/latest/meta-data/            | refuse
            http://168.63.129.16/machine?comp=goalstate         | refuse
            http://192.0.0.192/opc/v2/instance/                 | refuse
            http://[fd00:ec2::254]/latest/meta-data/            | refuse
            http://192.0.2.10/                                  | refuse
            http://198.51.100.7/                                | refuse
            http://203.0.113.9/                                 | refuse
            http://198.18.0.1/                                  | refuse
            http://198.19.255.1/                                | refuse
            http://192.88.99.1/                                 | refuse
            http://224.0.0.1/                                   | refuse
            http://240.0.0.1/                                   | refuse
            http://255.255.255.255/                             | refuse
            http://[64:ff9b::7f00:1]/                           | refuse
            http://[64:ff9b::a9fe:a9fe]/                        | refuse
            http://[64:ff9b::808:808]/                          | refuse
            http://[64:ff9b:1::a00:1]/                          | refuse
            http://[2002:7f00:1::]/                             | refuse
            http://[2002:a9fe:a9fe::1]/                         | refuse
            http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/      | refuse
            http://[2001:db8::1]/                               | refuse
            http://[2001:2::1]/                                 | refuse
            http://[3fff::1]/                                   | refuse
            http://[::ffff:127.0.0.1]/                          | refuse
            http://[::ffff:10.0.0.1]/                           | refuse
            http://[::ffff:169.254.169.254]/                    | refuse
            http://[::127.0.0.1]/                               | refuse
            http://[::10.0.0.1]/                                | refuse
            http://[fe80::1]/                                   | refuse
            http://[fec0::1]/                                   | refuse
            http://[fd12:3456::1]/                              | refuse
            http://[ff02::1]/                                   | refuse
            http://[100::1]/                                    | refuse
            http://2130706433/                                  | refuse
            http://0x7f.1/                                      | refuse
            http://0x7f000001/                                  | refuse
            http://127.1/                                       | refuse
            http://0177.0.0.1/                                  | refuse
            http://127.0.0.1./                                  | refuse
            http://1.2.3.4.5/                                   | refuse
            http://internal.example/                            | refuse
            http://dual.example/                                | refuse
            http://unknown.example/                             | refuse
            http://user:pass@public.example/                    | refuse
            http://public.example@127.0.0.1/                    | refuse
            http://x@93.184.215.14/                             | refuse
            file:///etc/passwd                                  | refuse
            gopher://public.example/                            | refuse
            ftp://93.184.215.14/                                | refuse
            jar:http://public.example/x.jar!/                   | refuse
            //public.example/                                   | refuse
            http:///path                                        | refuse
            """)
    void table(String url, String expected) {
        var guard = new AddressGuard(false, NAMES);
        if (expected.equals("allow")) {
            assertThatCode(() -> guard.check(url)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> guard.check(url)).isInstanceOf(ProviderRefusedException.class);
        }
    }

    @Test
    void theReasonNamesTheRangeAndTheEmbeddedAddress() {
        var guard = new AddressGuard(false, NAMES);
        assertThatThrownBy(() -> guard.check("http://[2002:7f00:1::]/")).hasMessageContaining("6to4 of 127.0.0.1");
        assertThatThrownBy(() -> guard.check("http://[::ffff:10.0.0.1]/")).hasMessageContaining("10.0.0.1");
        assertThatThrownBy(() -> guard.check("http://168.63.129.16/")).hasMessageContaining("Azure");
        assertThatThrownBy(() -> guard.check("http://[64:ff9b::a9fe:a9fe]/")).hasMessageContaining("NAT64");
        assertThatThrownBy(() -> guard.resolve("0x7f.1")).hasMessageContaining("refused host spelling");
        assertThatThrownBy(() -> guard.check("http://a:b@public.example/")).hasMessageContaining("user info")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("a:b"));
    }

    @Test
    void literalsNeverReachTheResolver() {
        HostResolver none = host -> {
            throw new AssertionError("resolver asked for " + host);
        };
        var guard = new AddressGuard(false, none);
        assertThatCode(() -> guard.check("https://93.184.215.14/")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check("http://[::1]/")).isInstanceOf(ProviderRefusedException.class);
        assertThatThrownBy(() -> guard.check("http://127.1/")).isInstanceOf(ProviderRefusedException.class);
    }

    @Test
    void theTestOptInCoversLoopbackOnly() {
        assertThatCode(() -> new AddressGuard(true).check("http://127.0.0.1:8080/")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new AddressGuard(true).check("http://10.0.0.5/")).isInstanceOf(ProviderRefusedException.class);
        assertThatThrownBy(() -> new AddressGuard(true).check("http://169.254.169.254/")).isInstanceOf(ProviderRefusedException.class);
        assertThatThrownBy(() -> new AddressGuard(true).check("http://[64:ff9b::7f00:1]/")).isInstanceOf(ProviderRefusedException.class);
    }
}
