package io.vpai.harness.gate;

import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.function.Supplier;

/** The pre-deploy gate as a command: prints the summary, exits 0 when nothing failed, 1 otherwise. */
public final class GateCommand {
    public static final int PASSED = 0;
    public static final int FAILED = 1;

    private GateCommand() {
    }

    public static int run(PrintStream out, LocalDate today) {
        return run(out, today, VpaiStack::model, Gate.standard());
    }

    /** The model is built inside, so a record that rejects its input is reported as one line, not a stack trace. */
    public static int run(PrintStream out, LocalDate today, Supplier<Stack> model, Gate gate) {
        Stack stack;
        try {
            stack = model.get();
        } catch (ModelException e) {
            out.println("VPAI pre-deploy gate, " + today + ": FAILED — invalid model: " + e.getMessage());
            return FAILED;
        }
        GateReport report = gate.evaluate(stack, today);
        out.print(report.summary());
        out.flush();
        return report.passed() ? PASSED : FAILED;
    }
}
