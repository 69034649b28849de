package io.vpai.harness.stack;

/** The environment could not be brought up or driven; the message names the service or command. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }
}
