package io.vpai.harness.render;

import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.ModelValidator;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code render}: the model into {@code <project>/compose}, atomically; {@code render --check}: the
 * drift between the two. Exit codes: 0 done (or no drift), 1 drift (or compose/ unreadable for the check),
 * 2 invalid model or a render that could not be written (compose/ is then as it was).
 */
public final class RenderCommand {
    public static final String OUTPUT_DIRECTORY = "compose";

    private RenderCommand() {
    }

    public static int run(Path projectRoot) {
        return run(projectRoot, VpaiStack::model, System.out, System.err);
    }

    public static int check(Path projectRoot) {
        return check(projectRoot, VpaiStack::model, System.out, System.err);
    }

    /** Prints one line per file: {@code created|updated|unchanged|removed compose/<path>}. */
    public static int run(Path projectRoot, Supplier<Stack> model, PrintStream out, PrintStream err) {
        try {
            Stack stack = ModelValidator.validate(model.get());
            List<RenderedFile> files = RenderAll.render(stack);
            for (AtomicWriter.Change change : AtomicWriter.write(projectRoot.resolve(OUTPUT_DIRECTORY), files)) {
                out.println(change.action().label() + " " + OUTPUT_DIRECTORY + "/" + change.path());
            }
            return 0;
        } catch (ModelException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (WriteFailure e) {
            err.println("error: render: " + e.describe(projectRoot) + "; " + e.restoreProblem()
                    .orElse(OUTPUT_DIRECTORY + "/ is unchanged"));
            return 2;
        } catch (IOException e) {
            err.println("error: render: cannot write " + OUTPUT_DIRECTORY + "/: " + WriteFailure.reason(e)
                    + "; " + OUTPUT_DIRECTORY + "/ is unchanged");
            return 2;
        } catch (UncheckedIOException e) {
            err.println("error: render: cannot write " + OUTPUT_DIRECTORY + "/: " + WriteFailure.reason(e.getCause()));
            return 2;
        }
    }

    /** Prints one line per difference and the command that fixes them; 0 when compose/ is up to date. */
    public static int check(Path projectRoot, Supplier<Stack> model, PrintStream out, PrintStream err) {
        try {
            Stack stack = ModelValidator.validate(model.get());
            List<DriftCheck.Difference> differences =
                    DriftCheck.compare(projectRoot.resolve(OUTPUT_DIRECTORY), RenderAll.render(stack));
            if (differences.isEmpty()) {
                out.println(OUTPUT_DIRECTORY + "/ is up to date with the model");
                return 0;
            }
            differences.forEach(d -> err.println("drift: " + OUTPUT_DIRECTORY + "/" + d));
            err.println("run: " + Generated.RENDER_COMMAND);
            return 1;
        } catch (ModelException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot read " + OUTPUT_DIRECTORY + "/: " + e.getMessage());
            return 1;
        }
    }
}
