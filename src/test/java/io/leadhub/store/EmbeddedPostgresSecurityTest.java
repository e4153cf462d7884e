package io.leadhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.leadhub.config.BoundProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The embedded PostgreSQL is a superuser account on the machine: it must ask for a password that only the
 * hub's user can read, and listen on loopback only. Each case runs its own server in a temporary directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresSecurityTest {

    @TempDir
    Path work;

    private EmbeddedPostgresProperties config() {
        return BoundProperties.of(EmbeddedPostgresProperties.class, "data-dir", work.resolve("pg").toString(), "durable", "false");
    }

    private static java.sql.Connection connect(EmbeddedPostgres postgres, String password) throws SQLException {
        var props = new Properties();
        props.setProperty("user", "postgres");
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", props);
    }

    private static String show(java.sql.Connection connection, String setting) throws SQLException {
        try (var result = connection.createStatement().executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private String password() throws Exception {
        return Files.readString(work.resolve("pg.password")).strip();
    }

    private static void assertRefused(EmbeddedPostgres postgres, String password) {
        assertThatThrownBy(() -> connect(postgres, password).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
    }

    @Test
    void aNewServerAsksForItsGeneratedPasswordAndListensOnLoopbackOnly(CapturedOutput output) throws Exception {
        try (var postgres = EmbeddedPostgresConfiguration.start(config())) {
            var passwordFile = work.resolve("pg.password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            var password = password();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);

            assertRefused(postgres, null);
            assertRefused(postgres, "postgres");
            assertRefused(postgres, password + "x");
            try (var connection = connect(postgres, password)) {
                assertThat(show(connection, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(show(connection, "password_encryption")).isEqualTo("scram-sha-256");
                // the binaries are the patched 17.x line (17.6 was one patch behind)
                assertThat(show(connection, "server_version_num")).satisfies(v -> assertThat(Integer.parseInt(v)).isGreaterThanOrEqualTo(170007));
            }
            assertThat(Files.readString(work.resolve("pg").resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
            assertThat(output.getAll()).doesNotContain(password);
        }
    }

    @Test
    void aRestartUsesTheSamePassword() throws Exception {
        try (var first = EmbeddedPostgresConfiguration.start(config())) {
            connect(first, password()).close();
        }
        var password = password();
        try (var second = EmbeddedPostgresConfiguration.start(config())) {
            assertThat(password()).isEqualTo(password);
            try (var connection = connect(second, password)) {
                assertThat(show(connection, "listen_addresses")).isEqualTo("127.0.0.1");
            }
            assertRefused(second, null);
        }
    }

    @Test
    void aDataDirectoryFromBeforePasswordsIsSwitchedToPasswordsAtStart(CapturedOutput output) throws Exception {
        // as wave 1 made it: initdb -A trust, no password file
        try (var old = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(false).start();
             var connection = old.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
        }
        assertThat(Files.exists(work.resolve("pg.password"))).isFalse();

        try (var postgres = EmbeddedPostgresConfiguration.start(config())) {
            var password = password();
            assertRefused(postgres, null);
            assertRefused(postgres, "wrong");
            try (var connection = connect(postgres, password);
                 var result = connection.createStatement().executeQuery("SELECT id FROM kept")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(7);
            }
            assertThat(output.getAll()).doesNotContain(password);
        }
        // and the next start finds it already switched
        try (var again = EmbeddedPostgresConfiguration.start(config())) {
            assertRefused(again, null);
            connect(again, password()).close();
        }
    }

    @Test
    void aPasswordFileLostForAProtectedDirectoryStopsTheStartWithTheReason() throws Exception {
        EmbeddedPostgresConfiguration.start(config()).close();
        Files.delete(work.resolve("pg.password"));

        assertThatThrownBy(() -> EmbeddedPostgresConfiguration.start(config()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pg.password").hasMessageContaining("missing");
    }
}
