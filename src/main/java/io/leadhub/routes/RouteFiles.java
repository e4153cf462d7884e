package io.leadhub.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the pipeline's route files before the context starts: those packaged in the jar (the build copies the
 * top-level routes/ to classpath:routes/), each replaced by the file of the same name in leadhub.routes-dir when
 * there is one, plus that folder's other files. The log names every file and where it came from. Then the routes
 * made from their templates that must exist before the start ({@link TemplatedRoutes}: the stage plumbing).
 */
@Component
public class RouteFiles implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RouteFiles.class);
    static final String PACKAGED = "classpath*:routes/*.yaml";

    /** One route file: its name, the location it was read from, and whether it replaces a packaged file. */
    public record RouteFile(String name, String location, Origin origin) {
    }

    public enum Origin { PACKAGED, REPLACED, ADDED }

    private final Path dir;
    private final List<TemplatedRoutes> templated;
    private volatile List<RouteFile> loaded = List.of();

    public RouteFiles(RouteFilesProperties properties, List<TemplatedRoutes> templated) {
        this.dir = properties.routesDir();
        this.templated = templated;
    }

    /** The files loaded at start, by name. */
    public List<RouteFile> loaded() {
        return loaded;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        var files = choose(packaged(), dir);
        if (files.isEmpty()) {
            log.warn("No route files: none packaged (classpath:routes/) and none in {}; the hub runs no pipeline", dir.toAbsolutePath());
        }
        var resources = new ArrayList<Resource>();
        for (var file : files) {
            resources.add(ResourceHelper.fromBytes(file.location(), read(file.location())));
            switch (file.origin()) {
                case PACKAGED -> log.info("Route file {} from the jar ({})", file.name(), file.location());
                case REPLACED -> log.info("Route file {} from {} (replaces the packaged one)", file.name(), file.location());
                case ADDED -> log.info("Route file {} from {} (added to the packaged ones)", file.name(), file.location());
            }
        }
        try {
            PluginHelper.getRoutesLoader(camelContext).loadRoutes(resources.toArray(new Resource[0]));
        } catch (Exception e) {
            throw new IllegalStateException("could not load the route files " + files.stream().map(RouteFile::location).toList()
                    + ": " + e.getMessage(), e);
        }
        loaded = files;
        for (var routes : templated) {
            try {
                routes.addTo(camelContext);
            } catch (Exception e) {
                throw new IllegalStateException("could not add the routes of " + routes.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }

    /**
     * The route files to load, by name: every packaged one (name to its classpath location), or the file of the same
     * name in the folder instead, and the folder's other *.yaml files. A folder that does not exist adds nothing.
     */
    static List<RouteFile> choose(Map<String, String> packaged, Path folder) {
        var chosen = new TreeMap<String, RouteFile>();
        packaged.forEach((name, location) -> chosen.put(name, new RouteFile(name, location, Origin.PACKAGED)));
        if (Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                for (var file : entries.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).toList()) {
                    var name = file.getFileName().toString();
                    var location = "file:" + file.toAbsolutePath().normalize();
                    chosen.put(name, new RouteFile(name, location, packaged.containsKey(name) ? Origin.REPLACED : Origin.ADDED));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the route files in " + folder.toAbsolutePath(), e);
            }
        }
        return List.copyOf(chosen.values());
    }

    /** The route files inside the jar (or target/classes), by name, each with the location it is read from. */
    static Map<String, String> packaged() {
        var found = new TreeMap<String, String>();
        try {
            for (var resource : new PathMatchingResourcePatternResolver(RouteFiles.class.getClassLoader()).getResources(PACKAGED)) {
                var name = resource.getFilename();
                if (name != null && resource.isReadable()) {
                    found.putIfAbsent(name, "classpath:routes/" + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the packaged route files (" + PACKAGED + ")", e);
        }
        return found;
    }

    private static byte[] read(String location) {
        try {
            if (location.startsWith("file:")) {
                return Files.readAllBytes(Path.of(location.substring("file:".length())));
            }
            try (var in = RouteFiles.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))) {
                if (in == null) {
                    throw new IOException("not found");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the route file " + location, e);
        }
    }
}
