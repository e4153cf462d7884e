package io.leadhub.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ingest endpoints are Camel routes (routes/*.yaml), which springdoc cannot see: they are described here
 * so that /v3/api-docs and Swagger UI show the whole API.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI leadhubOpenApi() {
        // Swagger UI's "Authorize" button sends the key the same way a client does
        return new OpenAPI().info(new Info().title("leadhub").version("0.1")
                        .description("Lead ingestion and enrichment hub. Every path but the probes and the webhooks needs "
                                + "an API key (X-API-Key or Authorization: Bearer); webhooks use their vendor's scheme."))
                .components(new io.swagger.v3.oas.models.Components().addSecuritySchemes("apiKey",
                        new io.swagger.v3.oas.models.security.SecurityScheme()
                                .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY)
                                .in(io.swagger.v3.oas.models.security.SecurityScheme.In.HEADER).name("X-API-Key")))
                .addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("apiKey"));
    }

    @Bean
    OpenApiCustomizer routeEndpoints() {
        return api -> {
            api.path("/api/leads", new PathItem()
                    .post(op("Submit one lead or an array", "202: accepted lead ids and per-record rejections; 413 over the size or count limit", "application/json"))
                    .get(new Operation().summary("Leads, filtered and paged").tags(java.util.List.of("leads"))
                            .addParametersItem(query("status")).addParametersItem(query("source"))
                            .addParametersItem(query("q")).addParametersItem(query("page")).addParametersItem(query("size"))
                            .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("a page of leads")))));
            api.path("/webhooks/hubspot", new PathItem().post(op("HubSpot webhook events (X-HubSpot-Signature-v3)", "200 when stored; 401 bad signature or stale timestamp; 503 retry", "application/json")));
            api.path("/webhooks/pipedrive", new PathItem().post(op("Pipedrive webhooks v2 (basic auth when configured)", "200 when stored", "application/json")));
            api.path("/webhooks/salesforce", new PathItem().post(op("Salesforce outbound message (SOAP)", "200 with Ack true", "text/xml")));
            api.path("/webhooks/generic/{name}", new PathItem().post(op("Any JSON, mapped by leadhub.webhooks.generic.{name}", "202 with accepted and rejected records", "application/json")
                    .addParametersItem(new Parameter().in("path").name("name").required(true).schema(new Schema<String>().type("string")))));
        };
    }

    private static Operation op(String summary, String response, String mediaType) {
        return new Operation().summary(summary).tags(java.util.List.of("ingest"))
                .requestBody(new RequestBody().content(new Content().addMediaType(mediaType, new MediaType().schema(new Schema<>().type("object")))))
                .responses(new ApiResponses().addApiResponse("default", new ApiResponse().description(response)));
    }

    private static Parameter query(String name) {
        return new Parameter().in("query").name(name).required(false).schema(new Schema<String>().type("string"));
    }
}
