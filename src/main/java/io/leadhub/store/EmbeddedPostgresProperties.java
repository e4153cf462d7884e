package io.leadhub.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL (leadhub.embedded-postgres.*), started only when spring.datasource.url is not set. It
 * listens on 127.0.0.1 only; its superuser password is generated at first start and kept, owner-readable only,
 * beside the data directory (&lt;data-dir&gt;.password).
 *
 * @param dataDir the data directory
 * @param port    the port; 0 picks a free one
 * @param clean   wipe the data directory at start (tests only)
 * @param durable fsync and synchronous commit on, so an accepted lead survives a crash; tests may turn it off for speed
 */
@ConfigurationProperties("leadhub.embedded-postgres")
public record EmbeddedPostgresProperties(
        @DefaultValue("data/pg") Path dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("false") boolean clean,
        @DefaultValue("true") boolean durable) {
}
