package io.vpai.harness.stack;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("One harness stack per machine: the lock")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.CONTAINER_STACK)
class MachineLockTest {
    @Test
    void aFreeLockIsTakenAtOnceAndFreeAgainOnceClosed(@TempDir Path dir) {
        Path file = dir.resolve("vpai-harness.lock");
        List<String> log = new ArrayList<>();
        MachineLock.acquire(file, Duration.ofSeconds(5), log::add).close();
        MachineLock.acquire(file, Duration.ofSeconds(5), log::add).close();
        assertThat(log).as("no waiting announced for a free lock").isEmpty();
    }

    @Test
    void aSecondStackInTheSameJvmIsRefusedAtOnce(@TempDir Path dir) {
        Path file = dir.resolve("vpai-harness.lock");
        try (MachineLock held = MachineLock.acquire(file, Duration.ofSeconds(5), line -> { })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> MachineLock.acquire(file, Duration.ofSeconds(30), line -> { }))
                    .isInstanceOf(StackException.class)
                    .hasMessage("this JVM already runs a harness stack; close it before starting another");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
