package io.vpai.harness.support;

import io.vpai.harness.report.PhaseClock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A long test class that runs on a second thread, beside the ordered lane (junit-platform.properties): every other
 * class, the specs on the shared stack included, runs one after another on one thread, in
 * {@link NonDestructiveFirst}'s order, as before. A whole-suite run was one thread on a 2-core machine, so the image
 * tests and the SSH hosts' tests, which mostly wait on containers of their own, left a core idle; beside the stack
 * they use it. Classes marked so run one at a time among themselves (one lock), and each must keep to itself: no
 * shared stack or machine lock, no writes to System properties or {@code System.out}/{@code err} redirection, no
 * network with a subnet the model or the fixtures use (the stack comes up meanwhile), nothing the stack's reaper
 * removes. Tests that read what the CLI printed keep only their own thread's output ({@link ThisThreadsOutput}).
 * What such a class times (an image check, say) goes to the phase log as {@value PhaseClock#BESIDE_LANE}…, so {@code bench ci}
 * does not charge it to the spec that ran meanwhile.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(BesideTheStack.LANE)
@ExtendWith(BesideTheStack.Phases.class)
public @interface BesideTheStack {
    String LANE = "io.vpai.harness.beside-the-stack";

    /** Names the phases of the class's thread while it runs (its callbacks and tests all run on that thread). */
    final class Phases implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            PhaseClock.nameThisThreadsPhases(PhaseClock.BESIDE_LANE);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            PhaseClock.nameThisThreadsPhases("");
        }
    }
}
