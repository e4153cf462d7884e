package io.leadhub.personalize;

import java.util.List;
import java.util.UUID;

import com.google.common.collect.Lists;
import io.leadhub.pipeline.TierHandOff;
import org.apache.camel.Body;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where personalization is started besides scoring's hand-off: a new product, and the writers' thread pool. */
@Component
public class PersonalizeTriggers {

    /** A product was added to a workspace. */
    public record NewProduct(String workspace, String productId) {
    }

    private final JdbcClient jdbc;
    private final TierHandOff rules;

    public PersonalizeTriggers(JdbcClient jdbc, TierHandOff rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    /** The workspace's qualified leads (their tier is handed off by its rules), in pages of 100 ids. */
    public List<List<String>> qualifiedLeads(@Body NewProduct product) {
        var tiers = rules.handedOffTiers(product.workspace());
        var ids = jdbc.sql("""
                        SELECT l.id FROM lead l JOIN lead_score s ON s.lead_id = l.id
                        WHERE l.workspace = :ws AND s.tier = ANY(:tiers) ORDER BY s.score DESC""")
                .param("ws", product.workspace()).param("tiers", tiers.toArray(new String[0]))
                .query((rs, n) -> rs.getObject(1, UUID.class).toString()).list();
        return Lists.partition(ids, 100);
    }

    @Configuration(proxyBeanMethods = false)
    static class WritersPool {
        /** Leads written at once (a Camel thread pool profile named personalizeWriters): each waits on its LLM calls. */
        @Bean
        CamelContextConfiguration personalizeWritersPool(PersonalizationProperties personalization) {
            return io.leadhub.config.CamelThreadPools.profile("personalizeWriters", () -> personalization.concurrency());
        }
    }
}
