package io.leadhub.ingest.crm;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CrmConfiguration {

    /** HubSpot event ids already turned into leads; the table comes from Flyway (camel_messageprocessed). */
    @Bean
    JdbcMessageIdRepository hubspotProcessedEvents(DataSource dataSource) {
        var repository = new JdbcMessageIdRepository(dataSource, HubSpotEventRepository.PROCESSED);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
