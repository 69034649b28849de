package io.vpai.harness.backup;

/**
 * The target cannot host the backup drill: the drill runs the shipped scripts on the container stack's
 * backup runner against its S3 server, fixtures only the harness's own stack starts. One line, naming the
 * target, so a spec can abort with it instead of failing or skipping silently.
 */
public final class DrillUnavailable extends RuntimeException {
    public DrillUnavailable(String target) {
        super("target '" + target + "' cannot host the backup drill: it needs the container stack's S3 server"
                + " and backup runner, which only the harness's own stack provides");
    }
}
