package io.vpai.harness.report;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checker of Surefire's XML names, on reports shaped like the ones Surefire 3.5 writes, good and bad. */
@Tag("gate")
@DisplayName("Surefire XML names: sentences pass, class names, indexes, methods and toString() are flagged")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.REPORTS)
class SurefireXmlNamesTest {
    private static final String FILE = "TEST-io.vpai.harness.specs.IsolationSpec.xml";

    private static String report(String suite, String... cases) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + suite
                + "\" tests=\"" + cases.length + "\">\n");
        for (String testCase : cases) {
            xml.append("  ").append(testCase).append('\n');
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String testCase(String name, String className) {
        return "<testcase name=\"" + name + "\" classname=\"" + className + "\" time=\"0.1\"/>";
    }

    @Test
    @DisplayName("phrased names pass, whatever words, digits and punctuation the sentences hold")
    void sentencesPass() {
        String suite = "Network isolation";
        String xml = report(suite,
                testCase("every path is open exactly where the model says so n8n → postgresql 172.20.2.20:5432 is reachable", suite),
                testCase("n8n without workflows exports an empty list, not a failure", suite),
                testCase("redis: keys of five types, with and without TTL", suite),
                testCase("caddy adapt accepts the INTERNAL Caddyfile", suite),
                testCase("pre-backup.sh exits 0 with SKIP_STEPS=&quot;n8n&quot;", suite),
                testCase("malformed docker inspect output is one line: [{&quot;Id&quot;: &quot;a&quot;", suite));

        assertThat(SurefireXmlNames.problems(FILE, xml)).isEmpty();
    }

    @Test
    @DisplayName("a test case named by an invocation index is flagged, as CI servers showed the isolation matrix")
    void anIndexIsFlagged() {
        String xml = report("Network isolation",
                testCase("everyPathIsOpenExactlyWhereTheModelSaysSo(Target)[17]", "Network isolation"),
                testCase("every path [3]", "Network isolation"));

        assertThat(SurefireXmlNames.problems(FILE, xml)).containsExactly(
                FILE + ": testcase 'everyPathIsOpenExactlyWhereTheModelSaysSo(Target)[17]' is named by an invocation index",
                FILE + ": testcase 'everyPathIsOpenExactlyWhereTheModelSaysSo(Target)[17]' is named by its Java method",
                FILE + ": testcase 'every path [3]' is named by an invocation index");
    }

    @Test
    @DisplayName("a suite or classname that is the test's class, qualified or simple, is flagged")
    void aClassNameIsFlagged() {
        String fqcn = "io.vpai.harness.images.OfflineImagesTest";
        String file = "TEST-" + fqcn + ".xml";

        assertThat(SurefireXmlNames.problems(file, report(fqcn, testCase("the probe image has nc", fqcn))))
                .containsExactly(
                        file + ": testsuite is named by its class '" + fqcn + "', not a sentence (@DisplayName)",
                        file + ": testcase 'the probe image has nc' has its class '" + fqcn + "' for a classname");
        assertThat(SurefireXmlNames.problems(file, report("OfflineImagesTest", testCase("the probe image has nc", "x y"))))
                .containsExactly(file + ": testsuite is named by its class 'OfflineImagesTest', not a sentence (@DisplayName)");
    }

    @Test
    @DisplayName("a class disabled as a whole keeps its Java classname, as Surefire writes it; its names still count")
    void aDisabledClassKeepsItsClassname() {
        String fqcn = "io.vpai.harness.ssh.PreprodSmokeSpec";
        String file = "TEST-" + fqcn + ".xml";
        String disabled = "<testsuite name=\"Preprod smoke over SSH\" tests=\"1\" skipped=\"1\">"
                + testCase("the deploy", fqcn) + "</testsuite>";
        String ranOne = "<testsuite name=\"Preprod smoke over SSH\" tests=\"2\" skipped=\"1\">"
                + testCase("the deploy", fqcn) + testCase("readiness", "Preprod smoke over SSH") + "</testsuite>";
        String disabledButUnnamed = "<testsuite name=\"" + fqcn + "\" tests=\"1\" skipped=\"1\">"
                + testCase("theDeploy", fqcn) + "</testsuite>";

        assertThat(SurefireXmlNames.problems(file, disabled)).isEmpty();
        assertThat(SurefireXmlNames.problems(file, ranOne))
                .containsExactly(file + ": testcase 'the deploy' has its class '" + fqcn + "' for a classname");
        assertThat(SurefireXmlNames.problems(file, disabledButUnnamed)).containsExactly(
                file + ": testsuite is named by its class '" + fqcn + "', not a sentence (@DisplayName)",
                file + ": testcase 'theDeploy' is named by its Java method");
    }

    @Test
    @DisplayName("a test case named by its method, or by a toString(), is flagged")
    void methodsAndToStringsAreFlagged() {
        String suite = "Production is read-only";
        String xml = report(suite,
                testCase("theNameAloneRefuses", suite),
                testCase("adapts(TlsMode) caddy adapt accepts the NONE Caddyfile", suite),
                testCase("Verdict[expectation=Expectation[source=n8n], reached=true]", suite),
                testCase("io.vpai.harness.probe.TcpProbe@1b6d3586", suite));

        assertThat(SurefireXmlNames.problems(FILE, xml)).containsExactly(
                FILE + ": testcase 'theNameAloneRefuses' is named by its Java method",
                FILE + ": testcase 'adapts(TlsMode) caddy adapt accepts the NONE Caddyfile' is named by its Java method",
                FILE + ": testcase 'Verdict[expectation=Expectation[source=n8n], reached=true]' is named by a toString()",
                FILE + ": testcase 'io.vpai.harness.probe.TcpProbe@1b6d3586' is named by a toString()");
    }

    @Test
    @DisplayName("a file that is not a Surefire report is one line naming it")
    void unreadableXmlIsOneLine() {
        assertThatThrownBy(() -> SurefireXmlNames.problems(FILE, "<testsuite"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(FILE + ": not a readable Surefire XML report: ");
    }
}
