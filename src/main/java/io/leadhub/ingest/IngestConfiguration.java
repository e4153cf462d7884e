package io.leadhub.ingest;

import javax.sql.DataSource;

import io.leadhub.ingest.crm.HubSpotEventClaims;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    /** HubSpot event ids already turned into leads; the table comes from Flyway (camel_messageprocessed). */
    @Bean
    JdbcMessageIdRepository hubspotProcessedEvents(DataSource dataSource) {
        var repository = new JdbcMessageIdRepository(dataSource, HubSpotEventClaims.PROCESSED);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
