package io.leadhub.routes;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the hub reads route files besides its own (leadhub.routes-dir).
 *
 * @param routesDir a folder of *.yaml route files: a file named like a packaged one (classpath:routes/) replaces it,
 *                  any other is added. Default ./routes, used when it exists, so that the routes/ of a checkout (or a
 *                  mounted folder) win over the copy inside the jar, and a jar started elsewhere runs the packaged
 *                  pipeline.
 */
@ConfigurationProperties("leadhub")
public record RouteFilesProperties(@DefaultValue("./routes") Path routesDir) {
}
