package io.vpai.harness.model;

/** An invalid model: the message is one line naming the element and what is wrong with it. */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }
}
