package io.leadhub;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.test.spring.junit5.RouteCoverageDumper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Route coverage for one run ({@code mvn -o verify -Proute-coverage}, see docs/testing.md). The profile puts
 * camel-management (JMX) on the test classpath and sets {@code leadhub.test.route-coverage}; after each test class
 * this listener dumps the counts of the class's Camel context in Camel's format
 * ({@code target/camel-route-coverage/<class>-all.xml}) and rewrites {@code summary.txt} there: every route
 * (route-template instances included) of every context the suite started, with the exchanges it took in all of
 * them, the routes that never ran first. A context's counts only grow, so the last dump of each context is its
 * whole share. Without the property it does nothing. Registered in META-INF/spring.factories.
 */
public class RouteCoverageListener implements TestExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RouteCoverageListener.class);
    private static final boolean ON = Boolean.getBoolean("leadhub.test.route-coverage");
    private static final Path DIR = Path.of("target", "camel-route-coverage");
    private static final Pattern DECLARED = Pattern.compile("(?m)^- route:\\s*\\n\\s+id:\\s*(\\S+)");

    /** One route as a context last counted it. */
    private record Counted(String source, long exchanges, int steps, int stepsRun) {
    }

    /** The latest counts of each context (by its JMX name), route id to counts. */
    private static final Map<String, Map<String, Counted>> CONTEXTS = new TreeMap<>();

    @Override
    public void afterTestClass(TestContext testContext) throws Exception {
        if (!ON || !testContext.hasApplicationContext()) {
            return;
        }
        var camel = testContext.getApplicationContext().getBean(CamelContext.class);
        var managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        if (managed == null || managed.getManagedCamelContext() == null) {
            log.warn("route coverage: JMX is off (camel-management is not on the test classpath: run with -Proute-coverage)");
            return;
        }
        RouteCoverageDumper.dumpRouteCoverage(camel, testContext.getTestClass().getName(), "all");
        var routes = counted(camel, managed.getManagedCamelContext().dumpRoutesCoverageAsXml());
        synchronized (CONTEXTS) {
            CONTEXTS.put(camel.getManagementName(), routes);
            writeSummary();
        }
    }

    private static Map<String, Counted> counted(CamelContext camel, String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        var found = new TreeMap<String, Counted>();
        var routes = document.getElementsByTagName("route");
        for (int i = 0; i < routes.getLength(); i++) {
            var route = (Element) routes.item(i);
            var id = route.getAttribute("id");
            var steps = route.getElementsByTagName("*");
            int run = 0;
            for (int j = 0; j < steps.getLength(); j++) {
                var total = ((Element) steps.item(j)).getAttribute("exchangesTotal");
                if (!total.isEmpty() && Long.parseLong(total) > 0) {
                    run++;
                }
            }
            found.put(id, new Counted(source(camel.getRoute(id), route.getAttribute("sourceLocation")),
                    Long.parseLong(route.getAttribute("exchangesTotal")),
                    steps.getLength(), run));
        }
        return found;
    }

    /** Where the route is written, and whether it is an instance of a route template. */
    private static String source(Route route, String location) {
        var instance = route != null && route.isCreatedByRouteTemplate();
        return (instance ? "template instance, " : "") + location;
    }

    private static void writeSummary() throws IOException {
        var all = new TreeMap<String, Counted>();
        CONTEXTS.values().forEach(routes -> routes.forEach((id, counted) -> all.merge(id, counted, (a, b) ->
                new Counted(a.source().isEmpty() ? b.source() : a.source(), a.exchanges() + b.exchanges(),
                        Math.max(a.steps(), b.steps()), Math.max(a.stepsRun(), b.stepsRun())))));
        var never = new ArrayList<String>();
        var ran = new ArrayList<String>();
        all.forEach((id, c) -> {
            if (c.exchanges() == 0) {
                never.add(String.format("  %-44s %s", id, c.source()));
            } else {
                ran.add(String.format("  %-44s %9d exchanges  %3d of %3d steps run (most in one context)  %s",
                        id, c.exchanges(), c.stepsRun(), c.steps(), c.source()));
            }
        });
        // routes written in routes/ that no context created (their precondition never held, e.g. Kafka mode)
        var absent = new ArrayList<String>();
        try (var files = Files.list(Path.of("routes"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                var declared = DECLARED.matcher(Files.readString(file));
                while (declared.find()) {
                    if (!all.containsKey(declared.group(1))) {
                        absent.add(String.format("  %-44s %s", declared.group(1), file.getFileName()));
                    }
                }
            }
        }
        var text = new StringBuilder()
                .append("Route coverage: ").append(CONTEXTS.size()).append(" Camel context(s), ").append(all.size())
                .append(" routes, ").append(never.size()).append(" never ran (mvn -o verify -Proute-coverage; docs/testing.md)\n")
                .append("\nNever ran:\n");
        never.forEach(line -> text.append(line).append('\n'));
        text.append("\nIn routes/ but created in no context:\n");
        absent.forEach(line -> text.append(line).append('\n'));
        text.append("\nRan:\n");
        ran.forEach(line -> text.append(line).append('\n'));
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("summary.txt"), text, StandardCharsets.UTF_8);
    }
}
