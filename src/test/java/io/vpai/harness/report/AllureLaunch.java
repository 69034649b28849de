package io.vpai.harness.report;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs test classes in a JUnit launcher of their own, with allure-junit-platform writing their results to a given
 * directory: real Allure results from real tests, kept apart from the run's own {@code reports/allure-results}. The
 * run's listeners (the summary, Allure's default) are not registered there. {@code Allure.step} goes through Allure's
 * static lifecycle, so that lifecycle points at the directory for the launch's duration (tests run one at a time).
 */
final class AllureLaunch {
    private AllureLaunch() {
    }

    static TestExecutionSummary run(Path results, String... classNames) {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        AllureLifecycle before = Allure.getLifecycle();
        Allure.setLifecycle(lifecycle);
        try {
            LauncherFactory.create(LauncherConfig.builder()
                            .enableTestExecutionListenerAutoRegistration(false)
                            .enablePostDiscoveryFilterAutoRegistration(false).build())
                    .execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(Arrays.stream(classNames).map(DiscoverySelectors::selectClass).toList())
                            .configurationParameter(ReportSamples.LAUNCH, "true").build(),
                            new AllureJunitPlatform(lifecycle), summary);
        } finally {
            Allure.setLifecycle(before);
        }
        return summary.getSummary();
    }
}
