package io.leadhub.archfixture.cycle.a;

import io.leadhub.archfixture.cycle.b.B;

/** Fixture for ArchitectureTest: a and b import each other. */
public class A {
    B b;
}
