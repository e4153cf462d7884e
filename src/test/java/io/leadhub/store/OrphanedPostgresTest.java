package io.leadhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.leadhub.ProcessLevel;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub killed with SIGKILL leaves its PostgreSQL running; the next start must stop it and start cleanly. */
@ProcessLevel
class OrphanedPostgresTest {

    @TempDir
    Path dataDir;

    /** Runs in a child JVM: starts PostgreSQL on the directory and waits to be killed. */
    public static void main(String[] args) throws Exception {
        var postgres = EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false).start();
        System.out.println("READY " + postgres.getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    @Test
    void aServerLeftBehindByAKilledHubIsStoppedAndTheDirectoryStartsAgain() throws Exception {
        var child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedPostgresTest.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // skip the child's log until PostgreSQL is up
            }
            assertThat(line).as("child JVM started PostgreSQL").startsWith("READY");
            child.destroyForcibly().waitFor();
        }
        var orphan = ProcessHandle.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip()));
        assertThat(orphan).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        EmbeddedPostgresConfiguration.stopOrphanedServer(dataDir);

        assertThat(orphan.get().isAlive()).isFalse();
        try (var restarted = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
             var connection = restarted.getPostgresDatabase().getConnection();
             var result = connection.createStatement().executeQuery("SELECT 1")) {
            assertThat(result.next()).isTrue();
        }
    }
}
