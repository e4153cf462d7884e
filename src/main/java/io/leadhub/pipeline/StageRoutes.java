package io.leadhub.pipeline;

import io.leadhub.routes.TemplatedRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The stage plumbing, instantiated once per stage from the two templates of routes/stage-queues.camel.yaml: a
 * hand-off (route handoff-&lt;name&gt;) and a consumer of the stage's queue (route &lt;stage&gt;-queue), which reads
 * the seda queue or, with leadhub.queue=kafka, the stage's topic. Added by RouteFiles right after the route files
 * (they hold the templates), before the context starts, so that every route that hands leads on finds its hand-off
 * from the first message.
 */
@Component
public class StageRoutes implements TemplatedRoutes {

    private static final Logger log = LoggerFactory.getLogger(StageRoutes.class);

    private final StageQueues queues;
    private final KafkaQueueProperties kafka;
    private final boolean kafkaMode;

    public StageRoutes(StageQueues queues, KafkaQueueProperties kafka, StageSettings stages) {
        this.queues = queues;
        this.kafka = kafka;
        this.kafkaMode = stages.kafka();
    }

    @Override
    public void addTo(CamelContext camelContext) throws Exception {
        for (var stage : queues.all()) {
            TemplatedRouteBuilder.builder(camelContext, "stage-handoff")
                    .routeId("handoff-" + stage.handoffName())
                    .parameter("handoff", stage.handoff())
                    .parameter("stage", stage.stage())
                    .add();
            TemplatedRouteBuilder.builder(camelContext, "stage-queue")
                    .routeId(stage.stage() + "-queue")
                    .parameter("stage", stage.stage())
                    .parameter("queue", kafkaMode ? stage.kafkaConsumer(kafka) : stage.sedaIn())
                    .parameter("entry", stage.entry())
                    .add();
            log.info("Stage {}: handed on at {}, taken from {} to {}", stage.stage(), stage.handoff(),
                    kafkaMode ? "Kafka topic " + stage.topic() : stage.sedaIn(), stage.entry());
        }
    }
}
