package io.leadhub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.leadhub.SharedHubTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A lease whose release failed (the database away for a moment) is no longer refreshed by its instance: it lapses
 * after the lease timeout and the sweep hands its lead on, instead of being kept alive until the instance stops.
 */
class StageLeaseRepositoryTest extends SharedHubTest {

    private static final String STAGE = "lease-test";

    @Autowired
    DataSource dataSource;
    @Autowired
    StageLeaseProperties stages;
    @Autowired
    StageSettings settings;

    @Test
    void aLeaseWhoseReleaseFailedIsNotRefreshed() {
        var failDeletes = new AtomicBoolean();
        var leases = new StageLeaseRepository(JdbcClient.create(failingDeletes(dataSource, failDeletes)), stages, settings);
        var kept = lead("kept-lease@leases.io");
        var lost = lead("lost-release@leases.io");

        assertThat(leases.claimWorking(STAGE, List.of(kept, lost))).containsExactlyInAnyOrder(kept, lost);
        assertThat(leases.held()).isEqualTo(2);
        jdbc.sql("UPDATE stage_lease SET lease_until = now() + interval '1 second' WHERE stage = ?").param(STAGE).update();

        failDeletes.set(true);
        assertThatThrownBy(() -> leases.release(STAGE, List.of(lost))).hasMessageContaining("stage_lease");
        failDeletes.set(false);
        var lostUntil = leaseUntil(lost);

        assertThat(leases.heartbeat()).isEqualTo(1);
        assertThat(leases.held()).isEqualTo(1);
        assertThat(leaseUntil(kept)).isAfter(lostUntil.plusSeconds(10));
        assertThat(leaseUntil(lost)).isEqualTo(lostUntil);

        leases.release(STAGE, List.of(kept));
        assertThat(leases.held()).isZero();
        jdbc.sql("DELETE FROM stage_lease WHERE stage = ?").param(STAGE).update();
    }

    private String lead(String email) {
        assertThat(postJson("/api/leads", "{\"email\":\"" + email + "\",\"first_name\":\"Lease\"}").statusCode()).isEqualTo(202);
        return org.awaitility.Awaitility.await().until(() -> jdbc.sql("SELECT id::text FROM lead WHERE email = ?")
                .param(email).query(String.class).optional(), java.util.Optional::isPresent).orElseThrow();
    }

    private OffsetDateTime leaseUntil(String leadId) {
        return jdbc.sql("SELECT lease_until FROM stage_lease WHERE stage = ? AND lead_id = CAST(? AS uuid)")
                .param(STAGE).param(leadId).query(OffsetDateTime.class).single();
    }

    /** Statements that delete leases fail while the flag is up, as they would with the database away. */
    private static DataSource failingDeletes(DataSource real, AtomicBoolean fail) {
        return new DelegatingDataSource(real) {
            @Override
            public Connection getConnection() throws SQLException {
                var connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (fail.get() && method.getName().startsWith("prepare") && args != null
                                    && String.valueOf(args[0]).startsWith("DELETE FROM stage_lease")) {
                                throw new SQLException("connection lost while deleting from stage_lease");
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
