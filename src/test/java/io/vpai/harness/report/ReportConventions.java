package io.vpai.harness.report;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every test class owes the reports, checked on the class itself: a sentence for its suite
 * ({@code @DisplayName}, not its class name), one Allure epic and a feature from {@link Behaviors}, a story for every
 * conformance test, and parameterized tests named by their arguments, never by an invocation index. Dynamic tests'
 * names exist only at run time; the Surefire XML check judges those ({@link SurefireXmlNames}).
 */
public final class ReportConventions {
    private static final String UNNAMED_PARAMETERIZED = "{default_display_name}";
    private static final Set<String> EPICS = Set.of(Behaviors.CONFORMANCE, Behaviors.PRE_DEPLOY_GATE, Behaviors.HARNESS);

    private ReportConventions() {
    }

    /** The test classes Surefire runs (named *Test or *Spec, as pom.xml includes them) below a package. */
    public static List<Class<?>> testClasses(String packageName) {
        TestPlan plan = LauncherFactory.create(LauncherConfig.builder()
                        .enableTestExecutionListenerAutoRegistration(false)
                        .enablePostDiscoveryFilterAutoRegistration(false).build())
                .discover(LauncherDiscoveryRequestBuilder.request()
                        .selectors(DiscoverySelectors.selectPackage(packageName))
                        .filters(ClassNameFilter.includeClassNamePatterns(".*Test", ".*Spec")).build());
        Set<String> names = new TreeSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            plan.getDescendants(root).forEach(id -> id.getSource()
                    .filter(ClassSource.class::isInstance).map(s -> ((ClassSource) s).getClassName()).ifPresent(names::add));
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, ReportConventions.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("discovered test class " + name + " cannot be loaded", e);
            }
        }
        return classes;
    }

    /** One line per problem, naming the class (and method) and what it lacks. */
    public static List<String> problems(Class<?> testClass) {
        List<String> problems = new ArrayList<>();
        String name = testClass.getName();
        DisplayName displayName = testClass.getDeclaredAnnotation(DisplayName.class);
        if (displayName == null || displayName.value().isBlank() || displayName.value().equals(testClass.getSimpleName())) {
            problems.add(name + ": no @DisplayName sentence (CI servers would show the class name)");
        }
        // Allure reads the test class's own annotations only (not a superclass's, nor an enclosing one's for @Nested).
        Epic epic = testClass.getDeclaredAnnotation(Epic.class);
        if (epic == null || !EPICS.contains(epic.value())) {
            problems.add(name + ": no @Epic of " + new TreeSet<>(EPICS) + (epic == null ? "" : " (has '" + epic.value() + "')"));
        }
        if (testClass.getDeclaredAnnotationsByType(Feature.class).length == 0) {
            problems.add(name + ": no @Feature (Allure's Behaviors tree would file it nowhere)");
        }
        boolean conformance = epic != null && epic.value().equals(Behaviors.CONFORMANCE);
        boolean classStory = testClass.getDeclaredAnnotationsByType(Story.class).length > 0;
        for (Method method : testMethods(testClass)) {
            if (conformance && !classStory && method.getDeclaredAnnotationsByType(Story.class).length == 0) {
                problems.add(name + "." + method.getName() + ": a conformance test without a @Story (on it or its class)");
            }
            ParameterizedTest parameterized = method.getDeclaredAnnotation(ParameterizedTest.class);
            // Unnamed, it takes JUnit's default "[{index}] {argumentSetNameOrArgumentsWithNames}".
            if (parameterized != null && (parameterized.name().contains(ParameterizedTest.INDEX_PLACEHOLDER)
                    || parameterized.name().equals(UNNAMED_PARAMETERIZED))) {
                problems.add(name + "." + method.getName() + ": @ParameterizedTest named by its invocation index ('"
                        + parameterized.name() + "'): name it by its arguments");
            }
            RepeatedTest repeated = method.getDeclaredAnnotation(RepeatedTest.class);
            if (repeated != null && repeated.name().equals(RepeatedTest.SHORT_DISPLAY_NAME)) {
                problems.add(name + "." + method.getName() + ": @RepeatedTest named by its repetition number alone");
            }
        }
        return problems;
    }

    private static List<Method> testMethods(Class<?> testClass) {
        return Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class)
                        || m.isAnnotationPresent(ParameterizedTest.class) || m.isAnnotationPresent(RepeatedTest.class)
                        || m.isAnnotationPresent(TestTemplate.class))
                .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
    }
}
