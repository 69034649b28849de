package io.vpai.harness.isolation;

import io.vpai.harness.check.Finding;
import io.vpai.harness.check.Status;

/** One expectation, what its probe answered (open, refused, silent), and the finding after waivers. */
public record Verdict(Expectation expectation, String answer, Finding finding) {

    /** Open or refused: the packet got to the destination. */
    public boolean reached() {
        return answer.equals("open") || answer.equals("refused");
    }

    /** The probe could not run: nothing was observed on this path. */
    public boolean error() {
        return finding.status() == Status.ERROR;
    }

    /** A failed path, or one whose probe could not run: either way the matrix does not hold. */
    public boolean violation() {
        return finding.status() == Status.FAIL || error();
    }

    public boolean waived() {
        return finding.status() == Status.WAIVED;
    }

    /** The test name: the expectation, plus the observed result and the waiver when a waiver decided it. */
    public String sentence() {
        if (!waived()) {
            return expectation.sentence();
        }
        String until = finding.waiver().flatMap(w -> w.expires()).map(d -> " until " + d).orElse("");
        return expectation.sentence() + " — " + (reached() ? "reachable" : "unreachable") + ", waived" + until;
    }
}
