package io.vpai.harness.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for {@code System.out} or {@code System.err} that keeps what the calling thread writes and passes every
 * other thread's writes on: a test that reads what the CLI printed runs while the {@link BesideTheStack} lane prints
 * its own lines, which must neither land in the test's buffer nor be lost.
 */
public final class ThisThreadsOutput {
    private ThisThreadsOutput() {
    }

    public static PrintStream into(ByteArrayOutputStream kept, PrintStream others) {
        Thread owner = Thread.currentThread();
        // PrintStream encodes and writes inside its own lock, on the printing thread: the thread decides the bytes' way.
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (mine()) {
                    kept.write(b);
                } else {
                    others.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (mine()) {
                    kept.write(bytes, offset, length);
                } else {
                    others.write(bytes, offset, length);
                }
            }

            private boolean mine() {
                return Thread.currentThread() == owner;
            }

            @Override
            public void flush() {
                others.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
