package io.leadhub.enrich;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A route's {@code policy} whose steps write in one database transaction: committed when they all succeed,
 * rolled back when one fails (an exception, or an Error Camel wraps in one), the failure left on the exchange
 * for the route to handle. Unlike Camel's {@code transacted}, it leaves the route's error handler as it is.
 */
@Component
public class OneTransaction implements Policy {

    private final TransactionTemplate tx;

    public OneTransaction(TransactionTemplate tx) {
        this.tx = tx;
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
    }

    @Override
    public Processor wrap(Route route, Processor steps) {
        return exchange -> tx.executeWithoutResult(status -> {
            try {
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
