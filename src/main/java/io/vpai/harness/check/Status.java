package io.vpai.harness.check;

/**
 * The outcome of one check. {@link #FAIL} and {@link #ERROR} fail a run: a waived check still ran and its
 * real result is kept on the finding, a skipped one says why it could not run, and an error is a check
 * whose probe could not run at all — it observed nothing, so it is neither a pass nor a waivable failure.
 */
public enum Status {
    PASS, FAIL, WAIVED, SKIPPED, ERROR;

    /** How much a status weighs when several findings are summed up into one line: the worst wins. */
    int severity() {
        return switch (this) {
            case SKIPPED -> 0;
            case PASS -> 1;
            case WAIVED -> 2;
            case FAIL -> 3;
            case ERROR -> 4;
        };
    }

    /** The status a group of findings shows: ERROR beats FAIL beats WAIVED beats PASS beats SKIPPED. */
    public static Status worst(Iterable<Status> statuses) {
        Status worst = SKIPPED;
        for (Status status : statuses) {
            if (status.severity() > worst.severity()) {
                worst = status;
            }
        }
        return worst;
    }
}
