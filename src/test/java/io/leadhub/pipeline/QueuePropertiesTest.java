package io.leadhub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadhub.config.BoundProperties;
import org.junit.jupiter.api.Test;

class QueuePropertiesTest {

    @Test
    void sedaAndKafkaAreTheModes() {
        assertThat(BoundProperties.of(QueueProperties.class).kafka()).isFalse();
        assertThat(BoundProperties.of(QueueProperties.class, "queue", "kafka").kafka()).isTrue();
    }

    @Test
    void anyOtherModeStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> BoundProperties.of(QueueProperties.class, "queue", "rabbitmq"))
                .rootCause().hasMessageContaining("leadhub.queue is 'rabbitmq'").hasMessageContaining("seda").hasMessageContaining("kafka");
    }
}
