package io.leadhub.pipeline;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A route policy ({@code policy: {ref: stageTransaction}}): the steps inside it run in one database transaction,
 * on the calling thread, so a stage's results and the events that announce them are committed together or not at
 * all. A step that fails rolls all of them back and leaves its exception on the exchange for the caller's error
 * handler (the stage's retries and dead letters, routes/stage-errors.camel.yaml): the route holding the policy
 * has no error handler of its own (propagate-to-caller), so a retry always starts a new transaction instead of
 * repeating a step inside one that already failed.
 */
@Component("stageTransaction")
public class StageTransaction implements Policy {

    private final TransactionTemplate tx;

    public StageTransaction(TransactionTemplate tx) {
        this.tx = tx;
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        var steps = AsyncProcessorConverterHelper.convert(processor);
        return exchange -> tx.executeWithoutResult(status -> {
            try {
                // synchronous: a Spring transaction is bound to this thread
                steps.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                status.setRollbackOnly();
            }
        });
    }
}
