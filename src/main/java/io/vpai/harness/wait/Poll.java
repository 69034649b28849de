package io.vpai.harness.wait;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way the harness waits: Awaitility polls an observation until it satisfies a condition or the deadline
 * passes. On a timeout the failure names what was awaited and the last observation, so a wait that gives up says
 * where it stood; a change in the observation can be logged as it happens ({@link #onChange}).
 *
 * @param <T> what each poll observes (a map of states, a file's text, a probe's answer)
 */
public final class Poll<T> {
    private final String what;
    private final Supplier<T> observe;
    private Duration interval = Duration.ofMillis(250);
    private Function<T, String> describe = String::valueOf;
    private Consumer<String> onChange = line -> { };
    private Predicate<T> hopeless = t -> false;

    private Poll(String what, Supplier<T> observe) {
        this.what = what;
        this.observe = observe;
    }

    /** Starts a wait for {@code what} (a phrase: "every service of vpai ready"), observed by {@code observe}. */
    public static <T> Poll<T> of(String what, Supplier<T> observe) {
        return new Poll<>(what, observe);
    }

    public Poll<T> every(Duration interval) {
        this.interval = interval;
        return this;
    }

    /** How an observation reads in the log and in the timeout's message. */
    public Poll<T> describedAs(Function<T, String> describe) {
        this.describe = describe;
        return this;
    }

    /** Receives the observation's description whenever it differs from the previous one. */
    public Poll<T> onChange(Consumer<String> log) {
        this.onChange = log;
        return this;
    }

    /** An observation after which waiting longer cannot help (a container exited): fail at once, naming it. */
    public Poll<T> failFastWhen(Predicate<T> hopeless) {
        this.hopeless = hopeless;
        return this;
    }

    /**
     * Polls until {@code done} holds and returns that observation.
     *
     * @throws WaitTimeout after {@code deadline}, or as soon as an observation is hopeless, naming the last one
     */
    public T until(Predicate<T> done, Duration deadline) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicReference<String> lastPicture = new AtomicReference<>();
        try {
            return Awaitility.await(what).atMost(deadline).pollDelay(Duration.ZERO).pollInterval(interval)
                    .pollInSameThread()
                    .until(() -> {
                        T observed = observe.get();
                        last.set(observed);
                        String picture = describe.apply(observed);
                        if (!Objects.equals(picture, lastPicture.getAndSet(picture))) {
                            onChange.accept(picture);
                        }
                        if (!done.test(observed) && hopeless.test(observed)) {
                            throw new WaitTimeout(what + ": gave up, waiting cannot help: " + picture);
                        }
                        return observed;
                    }, done);
        } catch (ConditionTimeoutException e) {
            throw new WaitTimeout(what + ": not reached after " + seconds(deadline) + "; last seen: "
                    + (last.get() == null ? "nothing (no poll finished)" : describe.apply(last.get())));
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A wait that ended without its condition: the message names what was awaited and the last observation. */
    public static final class WaitTimeout extends RuntimeException {
        public WaitTimeout(String message) {
            super(message);
        }
    }
}
