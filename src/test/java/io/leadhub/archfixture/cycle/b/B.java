package io.leadhub.archfixture.cycle.b;

import io.leadhub.archfixture.cycle.a.A;

/** Fixture for ArchitectureTest: a and b import each other. */
public class B {
    A a;
}
