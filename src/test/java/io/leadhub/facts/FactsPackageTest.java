package io.leadhub.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The facts package sits below the stages, and the stages keep no copy of its lists. */
class FactsPackageTest {

    private static final Path MAIN = Path.of("src/main/java/io/leadhub");

    private static List<Path> sources(Path under) throws IOException {
        try (Stream<Path> files = Files.walk(under)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void factsImportsNoOtherLeadhubPackage() throws IOException {
        for (var file : sources(MAIN.resolve("facts"))) {
            assertThat(Files.readAllLines(file)).as(file.toString())
                    .filteredOn(line -> line.startsWith("import ") && line.contains("io.leadhub."))
                    .allSatisfy(line -> assertThat(line).contains("io.leadhub.facts."));
        }
    }

    @Test
    void noStageKeepsItsOwnLegalFormsHonorificsOrSeniorityWords() throws IOException {
        // one word from each list, as a Java string: "gmbh" (legal forms), "herr" (honorifics), "svp" and "ciso" (ranks, chief officers)
        var markers = List.of("\"gmbh\"", "gmbh|", "\"herr\"", "\"svp\"", "|svp|", "\"ciso\"", "|ciso|");
        for (var file : sources(MAIN)) {
            if (file.startsWith(MAIN.resolve("facts"))) {
                continue;
            }
            var text = Files.readString(file).toLowerCase(java.util.Locale.ROOT);
            for (var marker : markers) {
                assertThat(text).as(file + " keeps its own copy of a facts list (" + marker + ")").doesNotContain(marker);
            }
        }
    }
}
