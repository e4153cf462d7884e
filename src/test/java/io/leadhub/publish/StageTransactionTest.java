package io.leadhub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.leadhub.SharedHubTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.PolicyDefinition;
import org.apache.camel.model.ToDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A stage stores its results and announces them (the lead.* events into the outbox) as two steps of its routes, in
 * one transaction (the stageTransaction policy): both are committed or neither, and a retry of the stage's error
 * handler starts a new transaction.
 */
class StageTransactionTest extends SharedHubTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;

    private final AtomicInteger attempts = new AtomicInteger();
    private volatile int failUntil;

    @BeforeEach
    void probeRoutes() throws Exception {
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_stage_transaction (attempt int NOT NULL, step text NOT NULL)").update();
        jdbc.sql("DELETE FROM test_stage_transaction").update();
        // a stage's batch route (the stages' error policy: retries, then a dead letter) and its store route, shaped
        // like enrich-store: a result, its event, then a failure on the first attempts
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tx-probe").routeId("tx-probe").routeConfigurationId("stage-errors")
                        .setProperty("leadhubStage", constant("tx-probe"))
                        .to("direct:tx-probe-store");
                from("direct:tx-probe-store").routeId("tx-probe-store").routeConfigurationId("stage-transaction")
                        .policy("stageTransaction")
                        .process(exchange -> jdbc.sql("INSERT INTO test_stage_transaction VALUES (:a, 'result')")
                                .param("a", attempts.incrementAndGet()).update())
                        .process(exchange -> jdbc.sql("INSERT INTO test_stage_transaction VALUES (:a, 'event')")
                                .param("a", attempts.get()).update())
                        .process(exchange -> {
                            if (attempts.get() <= failUntil) {
                                throw new IllegalStateException("announce failed on attempt " + attempts.get());
                            }
                        });
            }
        });
    }

    @AfterEach
    void removeProbeRoutes() throws Exception {
        for (var id : List.of("tx-probe", "tx-probe-store")) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
    }

    private List<String> committed() {
        return jdbc.sql("SELECT attempt || ':' || step FROM test_stage_transaction ORDER BY attempt, step").query(String.class).list();
    }

    @Test
    void aFailedAttemptLeavesNeitherResultNorEventAndTheRetryCommitsBoth() {
        failUntil = 2; // the stage retries twice (leadhub.pipeline.stage-retries): the third attempt succeeds
        producer.sendBody("direct:tx-probe", List.of("lead-1"));
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(committed()).containsExactly("3:event", "3:result");
    }

    @Test
    void workThatFailsEveryTimeCommitsNothingAndBecomesADeadLetter() {
        failUntil = Integer.MAX_VALUE;
        producer.sendBody("direct:tx-probe", List.of("lead-tx-dead"));
        assertThat(committed()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter WHERE stage = 'tx-probe' AND error LIKE '%announce failed%'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void eachStageStoresAndAnnouncesInOneTransaction() {
        var model = (ModelCamelContext) camel;
        for (var stage : List.of(new String[]{"enrich-batch", "enrich-store", "enrichmentStore", "enrichmentEvents.enriched"},
                new String[]{"score", "score-store", "scoreStore", "scoringEvents.scored"},
                new String[]{"personalize-one", "personalize-store", "personalizationStore", "personalizationEvents.personalized"})) {
            // the stage hands its results to its store route ...
            assertThat(model.getRouteDefinition(stage[0]).getOutputs()).filteredOn(ToDefinition.class::isInstance)
                    .map(to -> ((ToDefinition) to).getUri()).contains("direct:" + stage[1]);
            // ... whose one step is the transaction around "store" and "announce"
            var route = model.getRouteDefinition(stage[1]);
            assertThat(route.getRouteConfigurationId()).isEqualTo("stage-transaction");
            assertThat(route.getOutputs()).hasSize(1).first().isInstanceOf(PolicyDefinition.class);
            var policy = (PolicyDefinition) route.getOutputs().get(0);
            assertThat(policy.getRef()).isEqualTo("stageTransaction");
            assertThat(policy.getOutputs()).map(step -> ((BeanDefinition) step).getRef() + "." + ((BeanDefinition) step).getMethod())
                    .containsExactly(stage[2] + ".save", stage[3]);
        }
    }
}
