package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("gate")
@DisplayName("The render command: one line per file, nothing written on bad input")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.COMMAND_LINE)
class RenderCommandTest {
    @TempDir
    Path project;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int render(Supplier<Stack> model) {
        return RenderCommand.run(project, model, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int check() {
        return RenderCommand.check(project, VpaiStack::model, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rendersIntoComposeAndPrintsOneLinePerFile() {
        assertThat(render(VpaiStack::model)).isZero();

        assertThat(out().lines()).hasSize(Rendered.all().size()).allSatisfy(l -> assertThat(l).startsWith("created compose/"));
        assertThat(project.resolve("compose").resolve(SeseComposeRenderer.PATH)).isRegularFile();
        assertThat(err()).isEmpty();
    }

    @Test
    void aSecondRenderReportsEveryFileUnchanged() {
        render(VpaiStack::model);
        out.reset();

        assertThat(render(VpaiStack::model)).isZero();
        assertThat(out().lines()).allSatisfy(l -> assertThat(l).startsWith("unchanged compose/"));
    }

    @Test
    void anInvalidModelIsOneErrorLineExitTwoAndNothingWritten() {
        int code = render(() -> {
            throw new ModelException("service 'x': image is missing");
        });

        assertThat(code).isEqualTo(2);
        assertThat(err()).isEqualTo("error: service 'x': image is missing" + System.lineSeparator());
        assertThat(project.resolve("compose")).doesNotExist();
    }

    @Test
    void aModelTheValidatorRejectsIsAlsoExitTwo() {
        Stack model = VpaiStack.model();
        Stack broken = model.withService("caddy", s -> s.withDependsOn(java.util.List.of(io.vpai.harness.model.Dependency.healthy("nowhere"))));

        assertThat(render(() -> broken)).isEqualTo(2);
        assertThat(err()).startsWith("error: ").contains("nowhere");
        assertThat(err().lines()).hasSize(1);
    }

    @Test
    void checkFindsNoDriftAfterARenderAndNamesTheFileAfterAnEdit() throws Exception {
        render(VpaiStack::model);
        assertThat(check()).isZero();

        Files.writeString(project.resolve("compose").resolve(CaddyfileRenderer.PATH), "edited by hand\n");
        err.reset();

        assertThat(check()).isEqualTo(1);
        assertThat(err()).contains("compose/" + CaddyfileRenderer.PATH).contains(Generated.RENDER_COMMAND);
    }

    @Test
    void aRenderThatCannotFinishIsOneLineExitTwoAndLeavesComposeAsItWas() throws Exception {
        render(VpaiStack::model);
        Path compose = project.resolve("compose");
        Files.writeString(compose.resolve("ARCHITECTURE.md"), "hand edit\n");
        Path caddyfile = compose.resolve(CaddyfileRenderer.PATH);
        Files.delete(caddyfile);
        Files.createDirectories(caddyfile);
        Files.writeString(caddyfile.resolve(".env"), "SECRET=1\n");
        var before = AtomicWriterTest.snapshot(compose);
        out.reset();

        assertThat(render(VpaiStack::model)).isEqualTo(2);

        assertThat(err()).isEqualTo("error: render: cannot replace directory compose/sese-ai/caddy/Caddyfile: it holds "
                + "an operator's .env (move it, then render again); compose/ is unchanged" + System.lineSeparator());
        assertThat(out()).isEmpty();
        assertThat(AtomicWriterTest.snapshot(compose)).isEqualTo(before);
        assertThat(compose.resolve("ARCHITECTURE.md")).hasContent("hand edit");
    }
}
