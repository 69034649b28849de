package io.vpai.harness.report;

import io.vpai.harness.ssh.LocalPreprod;

import io.vpai.harness.environment.Environment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.inventory.RunningVersions;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.support.BesideTheStack;
import io.vpai.harness.support.SharedTarget;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Collects every test's outcome and, when the run ends, writes {@code reports/summary.md} (linking the pictures this
 * run drew) and Allure's environment.properties, categories.json and, on CI, executor.json. Registered through
 * META-INF/services, so plain Maven runs it. It writes only when a stack spec ran: a gate-only run leaves the last
 * conformance report alone.
 */
public final class ReportListener implements TestExecutionListener {
    private final List<RunSummary.Result> results = Collections.synchronizedList(new ArrayList<>());
    private volatile TestPlan plan;
    private volatile Instant started = Instant.now();
    private final Map<String, Long> classStarted = new ConcurrentHashMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = Instant.now();
    }

    /**
     * Each test class's wall time goes to the phase log (README, Benchmarks: {@code bench nightly}), and so does each
     * method of a spec: a spec's stages (the backup drill's, say) are where its time goes.
     */
    @Override
    public void executionStarted(TestIdentifier test) {
        Object source = test.getSource().orElse(null);
        if (source instanceof ClassSource || (source instanceof MethodSource && isSpec(test) && directlyInAClass(test))) {
            classStarted.put(test.getUniqueId(), System.currentTimeMillis());
        }
    }

    /** A test method or factory, not one of the dynamic tests a factory makes (those carry its source too). */
    private boolean directlyInAClass(TestIdentifier test) {
        return plan != null && plan.getParent(test).flatMap(TestIdentifier::getSource)
                .filter(ClassSource.class::isInstance).isPresent();
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (isSpec(test)) {
            results.add(new RunSummary.Result(spec(test), test.getDisplayName(), RunSummary.Outcome.SKIPPED, reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Long classStart = classStarted.remove(test.getUniqueId());
        if (classStart != null && test.getSource().orElse(null) instanceof ClassSource source) {
            String simple = source.getClassName().substring(source.getClassName().lastIndexOf('.') + 1);
            String lane = isSpec(test) ? specPhase() : source.getJavaClass().isAnnotationPresent(BesideTheStack.class)
                    ? PhaseClock.BESIDE_LANE : "unit: ";
            PhaseClock.record(lane + simple, classStart, System.currentTimeMillis());
        } else if (classStart != null && test.getSource().orElse(null) instanceof MethodSource method) {
            String simple = method.getClassName().substring(method.getClassName().lastIndexOf('.') + 1);
            PhaseClock.record(specPhase() + simple + " › " + test.getDisplayName(), classStart, System.currentTimeMillis());
        }
        if (!test.isTest() || !isSpec(test)) {
            return;
        }
        RunSummary.Outcome outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> RunSummary.Outcome.PASSED;
            case ABORTED -> RunSummary.Outcome.SKIPPED;
            case FAILED -> RunSummary.Outcome.FAILED;
        };
        String message = result.getThrowable().map(Throwable::getMessage).orElse("");
        results.add(new RunSummary.Result(spec(test), test.getDisplayName(), outcome, message));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (results.isEmpty()) {
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        try {
            Stack model = VpaiStack.model();
            // The local sshd host standing for preprod runs the offline environment's images: describe those.
            String name = System.getProperty(Environments.PROPERTY, "offline");
            Environment environment = Environments.load(root,
                    name.equals(LocalPreprod.ENVIRONMENT) ? "offline" : name, model);
            Path reports = root.resolve("reports");
            Path allure = reports.resolve("allure-results");
            Files.createDirectories(allure);
            // The isolated surefire execution names its own file, so it does not replace the main run's summary.
            String summary = System.getProperty("vpai.summary", "summary.md");
            String markdown = RunSummary.markdown(model, environment, results, RunSummary.writtenSince(reports, started),
                    RunningVersions.readSince(root.resolve(RunningVersions.PATH), started));
            if (name.equals(LocalPreprod.ENVIRONMENT)) {
                markdown = "Target: `" + name + "`, the local sshd host standing for preprod, reached over SSH.\n\n"
                        + markdown;
            }
            Files.writeString(reports.resolve(summary), markdown);
            Files.writeString(allure.resolve("environment.properties"), RunSummary.allureEnvironment(model, environment));
            try (InputStream categories = getClass().getResourceAsStream("/allure-categories.json")) {
                if (categories != null) {
                    Files.write(allure.resolve("categories.json"), categories.readAllBytes());
                }
            }
            // Which CI run this was, when the CI's variables say (README, Reports): Allure's Executors widget and trend.
            Optional<String> executor = AllureExecutor.json(System.getenv());
            if (executor.isPresent()) {
                Files.writeString(allure.resolve(AllureExecutor.FILE), executor.get());
            }
            System.out.println("[report] wrote reports/" + summary + " and Allure metadata (" + results.size() + " spec results)");
        } catch (IOException | RuntimeException e) {
            System.err.println("[report] could not write the summary: " + e.getMessage());
        }
    }

    /** "spec: " on the default environment; elsewhere (the SSH rehearsal, in bench ci) the environment is named. */
    private static String specPhase() {
        String environment = SharedTarget.environmentName();
        return environment.equals(Environments.DEFAULT) ? "spec: " : "spec on " + environment + ": ";
    }

    /** Specs live in io.vpai.harness.specs; unit tests of the harness itself are not part of the conformance report. */
    private boolean isSpec(TestIdentifier test) {
        return specClass(test).map(c -> c.startsWith("io.vpai.harness.specs.")).orElse(false);
    }

    private String spec(TestIdentifier test) {
        return specClass(test).map(c -> c.substring(c.lastIndexOf('.') + 1)).orElse("?");
    }

    private Optional<String> specClass(TestIdentifier test) {
        TestIdentifier current = test;
        while (current != null) {
            Optional<String> name = current.getSource().flatMap(s -> s instanceof MethodSource m ? Optional.of(m.getClassName())
                    : s instanceof ClassSource c ? Optional.of(c.getClassName()) : Optional.empty());
            if (name.isPresent()) {
                return name;
            }
            current = plan == null ? null : plan.getParent(current).orElse(null);
        }
        return Optional.empty();
    }
}
