package io.vpai.harness.check;

import org.assertj.core.api.AbstractAssert;

import java.util.List;
import java.util.stream.Collectors;

/**
 * AssertJ assertions on a list of findings whose failure messages show every finding, so a failing
 * rule test says what the rule did report instead of just "expected true".
 */
public final class FindingsAssert extends AbstractAssert<FindingsAssert, List<Finding>> {

    private FindingsAssert(List<Finding> actual) {
        super(actual, FindingsAssert.class);
    }

    public static FindingsAssert assertThatFindings(List<Finding> actual) {
        return new FindingsAssert(actual);
    }

    /** Every finding is PASS (and there is at least one: a rule that checked nothing proves nothing). */
    public FindingsAssert allPass() {
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("Expecting findings to be all PASS but there were none");
        }
        List<Finding> others = actual.stream().filter(f -> f.status() != Status.PASS).toList();
        if (!others.isEmpty()) {
            failWithMessage("Expecting every finding to be PASS but these were not:%n%s", render(others));
        }
        return this;
    }

    /** A FAIL about {@code subject} whose message is exactly {@code message}. */
    public FindingsAssert hasFailure(String subject, String message) {
        return has(Status.FAIL, subject, message, true);
    }

    /** A FAIL about {@code subject} whose message contains each of {@code fragments}. */
    public FindingsAssert hasFailureContaining(String subject, String... fragments) {
        for (String fragment : fragments) {
            has(Status.FAIL, subject, fragment, false);
        }
        return this;
    }

    public FindingsAssert hasFinding(Status status, String subject, String fragment) {
        return has(status, subject, fragment, false);
    }

    public FindingsAssert hasNoFailureAbout(String subject) {
        isNotNull();
        List<Finding> failures = actual.stream().filter(f -> f.failed() && f.subject().equals(subject)).toList();
        if (!failures.isEmpty()) {
            failWithMessage("Expecting no FAIL about '%s' but found:%n%s", subject, render(failures));
        }
        return this;
    }

    /** Only the given subjects fail: the breakage is reported where it is, and nowhere else. */
    public FindingsAssert failsOnlyAbout(String... subjects) {
        isNotNull();
        List<String> expected = List.of(subjects);
        List<Finding> unexpected = actual.stream().filter(f -> f.failed() && !expected.contains(f.subject())).toList();
        if (!unexpected.isEmpty()) {
            failWithMessage("Expecting FAIL findings only about %s but also found:%n%s", expected, render(unexpected));
        }
        return this;
    }

    private FindingsAssert has(Status status, String subject, String text, boolean exact) {
        isNotNull();
        boolean found = actual.stream().anyMatch(f -> f.status() == status && f.subject().equals(subject)
                && (exact ? f.message().equals(text) : f.message().contains(text)));
        if (!found) {
            failWithMessage("Expecting a %s finding about '%s' with message %s%n  \"%s\"%nbut the findings were:%n%s",
                    status, subject, exact ? "" : "containing", text, render(actual));
        }
        return this;
    }

    private static String render(List<Finding> findings) {
        return findings.stream().map(f -> "  " + f).collect(Collectors.joining("\n"));
    }
}
