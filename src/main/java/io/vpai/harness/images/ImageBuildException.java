package io.vpai.harness.images;

/** An offline image could not be built; the message is one line naming the image and the cause. */
public final class ImageBuildException extends RuntimeException {

    public ImageBuildException(String message) {
        super(message);
    }

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
