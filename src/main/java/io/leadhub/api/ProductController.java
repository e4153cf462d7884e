package io.leadhub.api;

import io.leadhub.security.CallerWorkspace;
import java.util.List;

import io.leadhub.product.Product;
import io.leadhub.product.ProductRepository;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The seller's products or offers that leads are fitted against (name, value proposition, ICP, industries, sizes, regions, personas). */
@RestController
@RequestMapping("/api/products")
public class ProductController {

    private final ProductRepository products;
    private final org.apache.camel.ProducerTemplate camel;
    private final io.leadhub.pipeline.PipelineEndpoints endpoints;

    public ProductController(ProductRepository products, org.apache.camel.ProducerTemplate camel, io.leadhub.pipeline.PipelineEndpoints endpoints) {
        this.endpoints = endpoints;
        this.products = products;
        this.camel = camel;
    }

    @Operation(summary = "Your workspace's products")
    @GetMapping
    public List<Product> all(@CallerWorkspace String caller,
                             @RequestParam(name = "workspace", required = false) String requested) {
        return products.all(ScoringController.workspace(caller, requested));
    }

    @Operation(summary = "One product")
    @GetMapping("/{id}")
    public Product one(@PathVariable String id, @CallerWorkspace String caller,
                       @RequestParam(name = "workspace", required = false) String requested) {
        return products.get(ScoringController.workspace(caller, requested), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + id));
    }

    @Operation(summary = "Add a product (its id is made from the name when not given); qualified leads are personalized for it")
    @PostMapping
    public ResponseEntity<Product> create(@RequestBody Product product, @CallerWorkspace String caller,
                                          @RequestParam(name = "workspace", required = false) String requested) {
        var workspace = ScoringController.workspace(caller, requested);
        if (product.id() != null && products.get(workspace, product.id()).isPresent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "product " + product.id() + " exists: PUT /api/products/" + product.id() + " replaces it");
        }
        var saved = products.save(workspace, product);
        // every qualified lead of the workspace is written for the new product
        camel.sendBody(endpoints.personalizeProduct(), new io.leadhub.personalize.PersonalizeTriggers.NewProduct(workspace, saved.id()));
        return ResponseEntity.status(HttpStatus.CREATED).body(saved);
    }

    @Operation(summary = "Replace a product")
    @PutMapping("/{id}")
    public Product replace(@PathVariable String id, @RequestBody Product product,
                           @CallerWorkspace String caller,
                           @RequestParam(name = "workspace", required = false) String requested) {
        return products.save(ScoringController.workspace(caller, requested), new Product(id, product.name(),
                product.valueProposition(), product.icpDescription(), product.industries(), product.companySizes(),
                product.regions(), product.personas()));
    }

    @Operation(summary = "Remove a product")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, @CallerWorkspace String caller,
                                       @RequestParam(name = "workspace", required = false) String requested) {
        if (!products.delete(ScoringController.workspace(caller, requested), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
