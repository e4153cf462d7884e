package io.leadhub.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded PostgreSQL superuser's password: generated on first start, kept in a file beside the data
 * directory that only its owner may read, and reused on every later start. A secret, so it comes from
 * {@link SecureRandom} rather than the hub's seeded randomness, and it is never logged.
 */
final class EmbeddedPostgresPassword {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedPostgresPassword() {
    }

    /** {@code data/pg} keeps its password in {@code data/pg.password}: initdb wants the data directory empty. */
    static Path fileFor(Path dataDir) {
        var absolute = dataDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".password");
    }

    static boolean exists(Path dataDir) {
        return Files.exists(fileFor(dataDir));
    }

    /** The password in the file, created (owner read/write only) with a new random password when missing. */
    static String loadOrCreate(Path dataDir) throws IOException {
        var file = fileFor(dataDir);
        if (!Files.exists(file)) {
            var bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            var password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createDirectories(file.getParent());
            try {
                // created with the mode already set: never readable by others, not even for a moment
                Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY)),
                        password + "\n", StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException raced) {
                // another start created it first: use that one
            }
        }
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY); // copied in by hand with wider rights
        }
        var password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException("The embedded PostgreSQL password file " + file + " is empty");
        }
        return password;
    }
}
