package io.vpai.harness.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Every class tagged {@code destructive} runs after every class that is not, so read-only checks see the
 * environment as it was found: a fault test that restores what it broke could otherwise hide drift that was
 * there before it ran (it did: a reload of the shipped Caddyfile repaired a hand-widened allow-list before the
 * route matrix looked). Within each group, classes keep JUnit's default order. Destructive tests therefore
 * live in classes of their own ({@code *FaultSpec}, the drill), never beside read-only ones.
 */
public final class NonDestructiveFirst implements ClassOrderer {
    public static final String DESTRUCTIVE = "destructive";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(NonDestructiveFirst::destructive));
    }

    static boolean destructive(ClassDescriptor descriptor) {
        return Arrays.stream(descriptor.getTestClass().getAnnotationsByType(Tag.class))
                .anyMatch(t -> DESTRUCTIVE.equals(t.value()));
    }
}
