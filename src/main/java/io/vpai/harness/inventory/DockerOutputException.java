package io.vpai.harness.inventory;

/** The docker CLI printed something that is not the JSON it promises: the engine's answer cannot be read. */
public final class DockerOutputException extends RuntimeException {
    public DockerOutputException(String message) {
        super(message);
    }
}
