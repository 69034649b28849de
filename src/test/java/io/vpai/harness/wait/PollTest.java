package io.vpai.harness.wait;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Poll: the one way the harness waits")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.WAITING)
class PollTest {
    @Test
    void returnsTheFirstObservationThatSatisfiesTheCondition() {
        AtomicInteger counter = new AtomicInteger();
        List<String> log = new ArrayList<>();
        int seen = Poll.of("the counter at 3", counter::incrementAndGet).every(Duration.ofMillis(5))
                .describedAs(n -> n < 3 ? "low" : "high").onChange(log::add)
                .until(n -> n >= 3, Duration.ofSeconds(5));
        assertThat(seen).isEqualTo(3);
        assertThat(log).as("one line per change, not per poll").containsExactly("low", "high");
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheLastObservation() {
        assertThatThrownBy(() -> Poll.of("redis healthy", () -> "starting").every(Duration.ofMillis(10))
                .until("healthy"::equals, Duration.ofMillis(200)))
                .isInstanceOf(Poll.WaitTimeout.class)
                .hasMessage("redis healthy: not reached after 200 ms; last seen: starting");
    }

    @Test
    void aHopelessObservationFailsAtOnceRatherThanAtTheDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Poll.of("redis healthy", () -> "exited").failFastWhen("exited"::equals)
                .until("healthy"::equals, Duration.ofSeconds(30)))
                .isInstanceOf(Poll.WaitTimeout.class)
                .hasMessage("redis healthy: gave up, waiting cannot help: exited");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anObservationThatThrowsEndsTheWaitWithThatError() {
        assertThatThrownBy(() -> Poll.of("a file", () -> {
            throw new IllegalStateException("host unreachable");
        }).until(x -> true, Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class).hasMessage("host unreachable");
    }
}
