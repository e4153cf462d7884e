package io.leadhub.product;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.RequestRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The seller's products or offers per workspace: what leads are fitted against. */
@Component
public class ProductRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public ProductRepository(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public List<Product> all(String workspace) {
        return jdbc.sql("SELECT * FROM product WHERE workspace = :ws ORDER BY created_at, id").param("ws", workspace)
                .query((rs, n) -> product(rs)).list();
    }

    public Optional<Product> get(String workspace, String id) {
        return jdbc.sql("SELECT * FROM product WHERE workspace = :ws AND id = :id").param("ws", workspace).param("id", id)
                .query((rs, n) -> product(rs)).optional();
    }

    /** Creates or replaces a product; answers it as stored. */
    public Product save(String workspace, Product product) {
        var checked = check(product);
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        INSERT INTO product (workspace, id, name, value_proposition, icp_description, industries, company_sizes,
                                             regions, personas, created_at, updated_at)
                        VALUES (:ws, :id, :name, :vp, :icp, CAST(:industries AS jsonb), CAST(:sizes AS jsonb), CAST(:regions AS jsonb),
                                CAST(:personas AS jsonb), :now, :now)
                        ON CONFLICT (workspace, id) DO UPDATE SET name = EXCLUDED.name, value_proposition = EXCLUDED.value_proposition,
                            icp_description = EXCLUDED.icp_description, industries = EXCLUDED.industries,
                            company_sizes = EXCLUDED.company_sizes, regions = EXCLUDED.regions, personas = EXCLUDED.personas,
                            updated_at = EXCLUDED.updated_at""")
                .param("ws", workspace).param("id", checked.id()).param("name", checked.name())
                .param("vp", checked.valueProposition()).param("icp", checked.icpDescription())
                .param("industries", write(checked.industries())).param("sizes", write(checked.companySizes()))
                .param("regions", write(checked.regions())).param("personas", write(checked.personas()))
                .param("now", now).update();
        return checked;
    }

    public boolean delete(String workspace, String id) {
        return jdbc.sql("DELETE FROM product WHERE workspace = :ws AND id = :id").param("ws", workspace).param("id", id).update() > 0;
    }

    private static Product check(Product product) {
        if (product.name() == null || product.name().isBlank()) {
            throw new RequestRejectedException(400, "a product needs a name");
        }
        var id = product.id() == null || product.id().isBlank()
                ? product.name().strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
                : product.id().strip();
        if (!id.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new RequestRejectedException(400, "product id '" + id + "' may only hold letters, digits, '.', '_' and '-' (at most 100)");
        }
        for (var size : product.companySizes()) {
            if (!size.matches("\\d+\\s*(-\\s*\\d+|\\+)?")) {
                throw new RequestRejectedException(400, "company size '" + size + "' is not a range like 11-50, 51-200 or 1000+");
            }
        }
        if ((product.icpDescription() == null || product.icpDescription().isBlank()) && product.industries().isEmpty()
                && product.companySizes().isEmpty() && product.regions().isEmpty() && product.personas().isEmpty()) {
            throw new RequestRejectedException(400, "product '" + product.name() + "' states nothing to fit leads against:"
                    + " give an icpDescription or industries, companySizes, regions or personas");
        }
        return new Product(id, product.name().strip(), product.valueProposition(), product.icpDescription(),
                product.industries(), product.companySizes(), product.regions(), product.personas());
    }

    private Product product(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Product(rs.getString("id"), rs.getString("name"), rs.getString("value_proposition"),
                rs.getString("icp_description"), list(rs.getString("industries")), list(rs.getString("company_sizes")),
                list(rs.getString("regions")), list(rs.getString("personas")));
    }

    private List<String> list(String text) {
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
