package io.vpai.harness.report;

import io.qameta.allure.Allure;
import io.qameta.allure.model.Status;
import io.qameta.allure.util.ResultsUtils;
import org.junit.jupiter.api.TestReporter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The work a {@code @TestFactory} does before its dynamic tests exist — a backup drill stage runs the shipped script
 * and reads the stores, then hands what it saw to the tests that judge it — shown in Allure as the set-up of those
 * tests, one step per action with its real duration and status.
 *
 * <p>While a factory body runs, Allure has no test case, and a bare {@code Allure.step} would be dropped. So the stage
 * is announced through JUnit's report entries in the fixture protocol allure-junit-platform reads (the one allure's
 * own {@code @BeforeAll} support publishes): it opens a set-up fixture on the factory's container, the steps land in
 * it, and every dynamic test of the factory shows it. A step that throws marks the stage failed (an assertion) or
 * broken (anything else) and the exception goes on, failing the factory as before.
 *
 * <p>Other stages (the ship command's) take the same form: {@code try (FactoryStage s = FactoryStage.start(reporter,
 * "…")) { s.step("…", () -> …); }} inside a {@code @TestFactory} or {@code @BeforeAll} given a {@link TestReporter}.
 */
public final class FactoryStage implements AutoCloseable {
    static final String FIXTURE = "allure.fixture";
    static final String PREPARE = "prepare";

    private final TestReporter reporter;
    private final String uuid = UUID.randomUUID().toString();
    private boolean ended;

    private FactoryStage(TestReporter reporter) {
        this.reporter = reporter;
    }

    public static FactoryStage start(TestReporter reporter, String name) {
        FactoryStage stage = new FactoryStage(reporter);
        stage.publish("start", Map.of("name", name));
        return stage;
    }

    /** One action of the stage, as an Allure step; its value is returned, its exception rethrown. */
    public <T> T step(String name, Allure.ThrowableRunnable<T> work) {
        try {
            return Allure.step(name, work);
        } catch (Throwable e) {
            fail(e);
            throw sneaky(e);
        }
    }

    /** One action without a value (a separate name: a lambda returning a value would fit both forms). */
    public void run(String name, Allure.ThrowableRunnableVoid work) {
        step(name, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            publish("stop", Map.of());
        }
    }

    private void fail(Throwable e) {
        if (ended) {
            return;
        }
        ended = true;
        Status status = ResultsUtils.getStatus(e).orElse(Status.BROKEN);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        // JUnit refuses blank report values; allure-junit-platform needs all three keys.
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
        publish("failure", Map.of("status", status.value(), "message", message, "trace", trace.toString()));
    }

    private void publish(String event, Map<String, String> details) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(FIXTURE, PREPARE);
        entry.put("event", event);
        entry.put("uuid", uuid);
        entry.putAll(details);
        reporter.publishEntry(entry);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
