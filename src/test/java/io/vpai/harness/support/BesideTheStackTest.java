package io.vpai.harness.support;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import io.vpai.harness.ssh.PreprodHost;
import io.vpai.harness.target.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Executable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("Two lanes: the ordered one, and the few long classes beside the stack")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.SPEC_SUPPORT)
class BesideTheStackTest {
    private static final Path TEST_CLASSES = Path.of("target/test-classes");

    @Test
    @DisplayName("everything runs in order on one thread unless marked; the marked classes take one lock")
    void theOrderedLaneIsTheDefault() throws IOException {
        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/junit-platform.properties")) {
            config.load(in);
        }
        assertThat(config).containsEntry("junit.jupiter.execution.parallel.enabled", "true")
                .containsEntry("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .containsEntry("junit.jupiter.execution.parallel.mode.classes.default", "same_thread");
        assertThat(besideTheStack()).isNotEmpty().allSatisfy(type -> assertThat(type.getPackageName())
                .as("%s: a spec is judged on the shared stack, in the ordered lane", type).doesNotEndWith(".specs"));
    }

    @Test
    @DisplayName("no class beside the stack asks for the shared target or runs in the isolated execution")
    void nothingBesideTheStackTouchesIt() {
        assertThat(asksForTheSharedStack(load("io.vpai.harness.specs.IsolationSpec"))).as("the check itself").isTrue();
        for (Class<?> type : besideTheStack()) {
            assertThat(asksForTheSharedStack(type)).as("%s asks for the shared stack", type.getSimpleName()).isFalse();
            assertThat(Arrays.stream(type.getAnnotationsByType(Tag.class)).map(Tag::value))
                    .as("%s holds the machine lock", type.getSimpleName()).doesNotContain("isolated");
        }
    }

    private static boolean asksForTheSharedStack(Class<?> type) {
        List<Executable> members = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
        members.addAll(Arrays.asList(type.getDeclaredConstructors()));
        return members.stream().anyMatch(member -> Arrays.stream(member.getParameterTypes())
                .anyMatch(p -> p == Target.class || p == PreprodHost.class));
    }

    @Test
    @DisplayName("a capturing test keeps its own thread's output; another thread's goes on to the real stream")
    void capturedOutputIsThisThreadsOnly() throws InterruptedException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        ByteArrayOutputStream passedOn = new ByteArrayOutputStream();
        PrintStream stream = ThisThreadsOutput.into(kept, new PrintStream(passedOn, true, StandardCharsets.UTF_8));
        stream.println("mine é");
        Thread other = new Thread(() -> stream.println("[stack] all 22 services ready"));
        other.start();
        other.join();
        stream.print('!');
        assertThat(kept.toString(StandardCharsets.UTF_8)).isEqualTo("mine é\n!");
        assertThat(passedOn.toString(StandardCharsets.UTF_8)).isEqualTo("[stack] all 22 services ready\n");
    }

    private static List<Class<?>> besideTheStack() {
        try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
            return files.map(TEST_CLASSES::relativize).map(Path::toString)
                    .filter(name -> name.endsWith("Test.class") || name.endsWith("Spec.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .map(BesideTheStackTest::load)
                    .filter(type -> type.isAnnotationPresent(BesideTheStack.class))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, BesideTheStackTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
