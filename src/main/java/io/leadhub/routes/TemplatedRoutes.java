package io.leadhub.routes;

import org.apache.camel.CamelContext;

/**
 * Routes made from the templates of the route files that must exist before the context starts (a route that sends
 * to them may run from the first message). RouteFiles calls every bean of this type right after loading the files;
 * Camel Spring Boot calls context configurations in no particular order, so they cannot do it themselves.
 */
public interface TemplatedRoutes {

    void addTo(CamelContext camelContext) throws Exception;
}
