package io.leadhub;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.camel.CamelContext;
import org.apache.camel.FluentProducerTemplate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the hub (docs/architecture.md, folders). Packages follow the pipeline; imports point one way:
 * <pre>
 *   api, security                          the HTTP edge (security: the filter chain and the caller; only api uses it)
 *   ingest, enrich, score, personalize,    the stages; a stage imports no other stage, except personalize the
 *   publish                                provider calls of enrich (LLMs share the providers' call policy)
 *   pipeline, lead, product                the plumbing between stages, the lead, the product catalogue
 *   store, config, facts                   the embedded database; configuration and cross-cutting support; facts
 * </pre>
 * SQL lives in repositories only: classes named *Repository (a feature's tables), *Store (a stage's result, in
 * the stage's transaction) or *Queries (reads), or the database's own setup in store. Each rule is a function
 * of the root package, so that the tests at the bottom can show it fail on the fixture classes in archfixture.
 */
class ArchitectureTest {

    static final String ROOT = "io.leadhub";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /**
     * Classes that still hold SQL outside a repository. This list only shrinks: a class on it that no longer
     * touches JDBC fails {@link #pendingSqlIsStillThere()}, a class not on it that does fails the SQL rule.
     */
    static final Set<String> SQL_NOT_MOVED_YET = Set.of(
            // each chunk of pkgplan.md section 5 deletes its lines; empty when issue 13 item 3 is done
            "io.leadhub.api.EnrichmentController",
            "io.leadhub.enrich.EnrichmentPlanner", "io.leadhub.enrich.EnrichmentSweep", "io.leadhub.enrich.ErrorRetries",
            "io.leadhub.enrich.ProviderCache", "io.leadhub.enrich.ProviderLedger",
            "io.leadhub.ingest.file.FileIngestTracker", "io.leadhub.ingest.poll.SourcePolls",
            "io.leadhub.personalize.PersonalizePlanner", "io.leadhub.personalize.PersonalizeTriggers",
            "io.leadhub.pipeline.DeadLetters", "io.leadhub.pipeline.KafkaHandoff", "io.leadhub.pipeline.StageMetrics",
            "io.leadhub.pipeline.StageSweep",
            "io.leadhub.publish.OutboxRelay", "io.leadhub.publish.WebhookDeliveries",
            "io.leadhub.score.ConversionModels", "io.leadhub.score.LeadEvents", "io.leadhub.score.Rescoring",
            "io.leadhub.score.ScoreFacts");

    // ---- the rules, as functions of the root package ----

    /** No two packages depend on each other, however deep (ingest and ingest.crm were such a pair). */
    static ArchRule packagesFreeOfCycles(String root) {
        return slices().matching(root + ".(**)").namingSlices("package $1").should().beFreeOfCycles()
                .because("imports point one way");
    }

    /** No two top-level packages depend on each other through any of their sub-packages. */
    static ArchRule featuresFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1").should().beFreeOfCycles()
                .because("imports point one way");
    }

    static ArchRule layers(String root, boolean optional) {
        String[] edge = {"api", "security"};
        String[] stages = {"api", "security", "ingest", "enrich", "score", "personalize", "publish"};
        String[] above = {"api", "security", "ingest", "enrich", "score", "personalize", "publish", "pipeline", "lead", "product"};
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(optional)
                .layer("api").definedBy(root + ".api..")
                .layer("security").definedBy(root + ".security..")
                .layer("ingest").definedBy(root + ".ingest..")
                .layer("enrich").definedBy(root + ".enrich..")
                .layer("score").definedBy(root + ".score..")
                .layer("personalize").definedBy(root + ".personalize..")
                .layer("publish").definedBy(root + ".publish..")
                .layer("pipeline").definedBy(root + ".pipeline..")
                .layer("lead").definedBy(root + ".lead..")
                .layer("product").definedBy(root + ".product..")
                .layer("store").definedBy(root + ".store..")
                .layer("config").definedBy(root + ".config..")
                .layer("facts").definedBy(root + ".facts..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("security").mayOnlyBeAccessedByLayers(edge)
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("api")
                .whereLayer("enrich").mayOnlyBeAccessedByLayers("api", "personalize")
                .whereLayer("score").mayOnlyBeAccessedByLayers("api")
                .whereLayer("personalize").mayOnlyBeAccessedByLayers("api")
                .whereLayer("publish").mayOnlyBeAccessedByLayers("api")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers(stages)
                .whereLayer("lead").mayOnlyBeAccessedByLayers(above)
                .whereLayer("product").mayOnlyBeAccessedByLayers(stages)
                .whereLayer("store").mayOnlyBeAccessedByLayers(above)
                .because("api -> stages -> pipeline/lead/product -> store/config/facts");
    }

    /** config, facts and store sit at the bottom: they import nothing else of the hub. */
    static ArchRule bottomImportsNoFeature(String root) {
        String[] bottom = {root + ".config..", root + ".facts..", root + ".store.."};
        return noClasses().that().resideInAnyPackage(bottom)
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAnyPackage(bottom))))
                .because("configuration is the bottom layer: features import their configuration, never the reverse");
    }

    /** A repository is named for it; nested and anonymous classes count as their outermost class. */
    static DescribedPredicate<JavaClass> repository() {
        return describe("a repository (*Repository, *Store, *Queries)", c -> {
            var top = c;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            var name = top.getSimpleName();
            return name.endsWith("Repository") || name.endsWith("Store") || name.endsWith("Queries");
        });
    }

    static final DescribedPredicate<JavaClass> JDBC = resideInAPackage("org.springframework.jdbc.core..")
            .or(belongToAnyOf(java.sql.Connection.class, java.sql.Statement.class, java.sql.PreparedStatement.class,
                    java.sql.ResultSet.class))
            .as("JDBC (JdbcClient, JdbcTemplate, NamedParameterJdbcTemplate, java.sql statements)");

    static ArchRule sqlOnlyInRepositories(String root, Set<String> pending) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackage(root + ".store..")
                .and(not(repository()))
                .and(not(describe("not moved yet", c -> pending.contains(outermost(c).getName()))))
                .should().dependOnClassesThat(JDBC)
                .because("each feature's SQL is kept in its repository");
    }

    /** Repositories store and read; they do not send messages or start routes. */
    static ArchRule repositoriesSendNothing(String root) {
        return noClasses().that().resideInAPackage(root + "..").and(repository())
                .should().dependOnClassesThat(belongToAnyOf(ProducerTemplate.class, FluentProducerTemplate.class, CamelContext.class))
                .because("a repository holds a feature's SQL, the routes and step beans do the sending");
    }

    private static JavaClass outermost(JavaClass c) {
        var top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    // ---- the hub follows them ----

    @Test
    void noCyclesBetweenPackages() {
        packagesFreeOfCycles(ROOT).check(MAIN);
    }

    @Test
    void noCyclesBetweenFeatures() {
        featuresFreeOfCycles(ROOT).check(MAIN);
    }

    @Test
    void importsPointDownTheLayers() {
        layers(ROOT, false).check(MAIN);
    }

    @Test
    void configImportsNoFeature() {
        bottomImportsNoFeature(ROOT).check(MAIN);
    }

    @Test
    void onlyRepositoriesUseJdbc() {
        sqlOnlyInRepositories(ROOT, SQL_NOT_MOVED_YET).check(MAIN);
    }

    @Test
    void repositoriesDoNotSendMessages() {
        repositoriesSendNothing(ROOT).check(MAIN);
    }

    @Test
    void pendingSqlIsStillThere() {
        for (var name : SQL_NOT_MOVED_YET) {
            var uses = MAIN.get(name).getDirectDependenciesFromSelf().stream().anyMatch(d -> JDBC.test(d.getTargetClass()));
            assertThat(uses).as("%s no longer uses JDBC: take it off SQL_NOT_MOVED_YET", name).isTrue();
        }
    }

    @Test
    void noMainClassOverThreeHundredFiftyLines() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            var long_ = files.filter(p -> p.toString().endsWith(".java")).filter(p -> lines(p) > 350)
                    .map(p -> p + " (" + lines(p) + " lines)").toList();
            assertThat(long_).as("classes over 350 lines: split them by responsibility").isEmpty();
        }
    }

    private static long lines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- and each rule fails when broken (fixture classes in src/test/java/io/leadhub/archfixture) ----

    private static final String FIXTURES = ROOT + ".archfixture";

    @Test
    void aCycleBetweenTwoPackagesFails() {
        var classes = new ClassFileImporter().importPackages(FIXTURES + ".cycle");
        assertThatThrownBy(() -> packagesFreeOfCycles(FIXTURES + ".cycle").check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected: package a -> ")
                .hasMessageContaining("package b -> ");
    }

    @Test
    void aStageImportingAnotherStageFails() {
        var classes = new ClassFileImporter().importPackages(FIXTURES + ".layers");
        assertThatThrownBy(() -> layers(FIXTURES + ".layers", true).check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("EnrichStep")
                .hasMessageContaining("ScoreStep");
    }

    @Test
    void configImportingAFeatureFails() {
        var classes = new ClassFileImporter().importPackages(FIXTURES + ".layers");
        assertThatThrownBy(() -> bottomImportsNoFeature(FIXTURES + ".layers").check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FixtureSettings");
    }

    @Test
    void sqlOutsideARepositoryFails() {
        var classes = new ClassFileImporter().importPackages(FIXTURES + ".layers");
        assertThatThrownBy(() -> sqlOnlyInRepositories(FIXTURES + ".layers", Set.of()).check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ScoreStep")
                .hasMessageNotContaining("ScoreRepository");
    }
}
