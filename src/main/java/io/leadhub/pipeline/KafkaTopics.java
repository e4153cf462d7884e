package io.leadhub.pipeline;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Kafka mode: the stage topics exist with enough partitions before the routes start (a broker's auto-created
 * topic has one partition, which would leave every instance but one idle), and health shows the broker.
 */
@Component("kafka")
@ConditionalOnProperty(name = "leadhub.queue", havingValue = "kafka")
public class KafkaTopics implements InitializingBean, DisposableBean, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

    private final KafkaQueueProperties kafka;
    /** One client for the bean's life: health is asked often, and a client per question meant a connection each time. */
    private final Admin admin;

    public KafkaTopics(KafkaQueueProperties kafka) {
        this.kafka = kafka;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000));
    }

    @Override
    public void destroy() {
        admin.close(java.time.Duration.ofSeconds(1));
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        for (var topic : kafka.topics().all()) {
            try {
                admin.createTopics(java.util.List.of(new NewTopic(topic, kafka.partitions(), kafka.replicationFactor())))
                        .all().get(30, TimeUnit.SECONDS);
                log.info("Created Kafka topic {} with {} partitions", topic, kafka.partitions());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    log.warn("Kafka topic {} could not be created ({}); the broker's defaults apply", topic, e.getCause().getMessage());
                }
            } catch (TimeoutException e) {
                log.warn("Kafka at {} did not answer within 30 s; topic {} not created, consumers keep trying", kafka.brokers(), topic);
                return;
            }
        }
    }

    @Override
    public Health health() {
        try {
            var nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            var topics = admin.describeTopics(kafka.topics().all()).allTopicNames().get(3, TimeUnit.SECONDS);
            var details = Health.up().withDetail("brokers", nodes.size()).withDetail("groupId", kafka.groupId());
            topics.forEach((name, topic) -> details.withDetail(name, topic.partitions().size() + " partitions"));
            return details.build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        } catch (ExecutionException | TimeoutException e) {
            return Health.down().withDetail("brokers", kafka.brokers()).withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }
}
