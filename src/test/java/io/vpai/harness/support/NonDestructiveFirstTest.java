package io.vpai.harness.support;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.specs.SpecClasses;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Fault-injecting spec classes run after every read-only one, whatever order JUnit found them in. */
@Tag("gate")
@DisplayName("Fault-injecting spec classes run after every read-only one")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SPEC_SUPPORT)
class NonDestructiveFirstTest {
    @Test
    void everyDestructiveSpecClassRunsAfterEveryReadOnlyOne() {
        List<Class<?>> found = SpecClasses.all();
        List<ClassDescriptor> descriptors = new ArrayList<>();
        // Reversed, so faults come first unless the orderer moves them.
        for (int i = found.size() - 1; i >= 0; i--) {
            descriptors.add(new Descriptor(found.get(i)));
        }
        new NonDestructiveFirst().orderClasses(new Context(descriptors));

        List<Boolean> destructive = descriptors.stream().map(NonDestructiveFirst::destructive).toList();
        assertThat(destructive).as("read-only (false) before destructive (true): %s", descriptors.stream()
                .map(d -> d.getTestClass().getSimpleName()).toList()).isSorted().contains(true, false);
        assertThat(descriptors.stream().filter(NonDestructiveFirst::destructive).map(d -> d.getTestClass().getSimpleName()))
                .contains("InventoryFaultSpec", "IsolationFaultSpec", "VpnOnlyFaultSpec", "SplitDnsFaultSpec",
                        "StartupRecoverySpec", "BackupRestoreSpec");
    }

    private record Descriptor(Class<?> getTestClass) implements ClassDescriptor {
        @Override
        public String getDisplayName() {
            return getTestClass.getSimpleName();
        }

        @Override
        public boolean isAnnotated(Class<? extends Annotation> type) {
            return getTestClass.isAnnotationPresent(type);
        }

        @Override
        public <A extends Annotation> Optional<A> findAnnotation(Class<A> type) {
            return Optional.ofNullable(getTestClass.getAnnotation(type));
        }

        @Override
        public <A extends Annotation> List<A> findRepeatableAnnotations(Class<A> type) {
            return List.of(getTestClass.getAnnotationsByType(type));
        }
    }

    private record Context(List<ClassDescriptor> getClassDescriptors) implements ClassOrdererContext {
        @Override
        public Optional<String> getConfigurationParameter(String key) {
            return Optional.empty();
        }
    }
}
