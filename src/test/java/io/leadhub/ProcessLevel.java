package io.leadhub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test that starts hubs of its own (another JVM, or application contexts outside the suite's shared ones) and
 * runs them for a while: tagged {@code process}, it runs in the surefire execution {@code process-tests} after the
 * rest of the suite (see pom.xml and docs/testing.md), so its failures are reported on their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("process")
public @interface ProcessLevel {
}
