package io.leadhub.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The data directory's pg_hba.conf. Data directories made before the hub set a password (initdb -A trust)
 * let anyone on the machine in as superuser without one; {@link #requirePasswords} switches every such rule
 * to scram-sha-256.
 */
final class PgHbaConf {

    private static final Pattern TRUST = Pattern.compile("(?<=\\s)trust(?=\\s|$)");

    private PgHbaConf() {
    }

    static boolean trustsAnyone(Path dataDir) throws IOException {
        var file = dataDir.resolve("pg_hba.conf");
        if (!Files.exists(file)) {
            return false;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> !isComment(line) && TRUST.matcher(line).find());
        }
    }

    static void requirePasswords(Path dataDir) throws IOException {
        var file = dataDir.resolve("pg_hba.conf");
        String rewritten;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            rewritten = lines.map(line -> isComment(line) ? line : TRUST.matcher(line).replaceAll("scram-sha-256"))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
        var temp = file.resolveSibling("pg_hba.conf.new");
        Files.writeString(temp, rewritten, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isComment(String line) {
        var stripped = line.strip();
        return stripped.isEmpty() || stripped.startsWith("#");
    }
}
