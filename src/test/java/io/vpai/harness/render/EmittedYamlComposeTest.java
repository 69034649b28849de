package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.ImageSource;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;
import io.vpai.harness.stack.OverrideFile;
import io.vpai.harness.stack.RunLabels;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.vpai.harness.render.Rendered.list;
import static io.vpai.harness.render.Rendered.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every compose file the harness emits through {@link YamlWriter} — the shipped Sese-AI and Seko-VPN files and
 * a test run's override for the offline environment — is accepted by the real docker-compose 1.29 (PyYAML, YAML
 * 1.1), and the values a YAML 1.1 reader could retype come back from {@code docker-compose config} as written.
 * The tool is needed: skipped with the reason on a developer machine, a failure whenever CI is set.
 */
@Tag("gate")
@DisplayName("Every emitted compose file reads back through docker-compose as written")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.REAL_TOOLS)
class EmittedYamlComposeTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    /** Octal-looking on purpose: a YAML 1.1 reader would take it for the number 17315077 if it were plain. */
    private static final RunLabels RUN = new RunLabels("0102030405");

    @TempDir
    Path root;

    @Test
    void theShippedFilesAndTheOfflineOverrideAreValidAndKeepTheirTypes() throws Exception {
        Path tool = dockerCompose();
        Stack model = VpaiStack.model();
        AtomicWriter.write(root, RenderAll.render(model));
        Path sese = root.resolve(SeseComposeRenderer.PATH);
        Path seko = root.resolve(SekoComposeRenderer.PATH);
        Path override = root.resolve("run/docker-compose.override.yml");
        Files.createDirectories(override.getParent());
        Files.writeString(override, offlineOverride(model, root.resolve("run")));

        for (List<Path> files : List.of(List.of(sese), List.of(seko), List.of(sese, override))) {
            ExternalTool.Result valid = compose(tool, files, "config", "-q");
            assertThat(valid.exitCode()).withFailMessage("docker-compose rejected %s:%n%s", files, valid.both()).isZero();
        }

        Map<String, Object> services = map(config(tool, List.of(sese, override)).get("services"));
        Map<String, Object> caddy = map(services.get("caddy"));
        // Quoted "80:80" is a port mapping; plain, YAML 1.1 would read the base-60 number 4880.
        assertThat(list(caddy.get("ports"))).contains(Map.of("published", 80, "target", 80),
                Map.of("protocol", "udp", "published", 443, "target", 443));
        assertThat(map(caddy.get("environment"))).containsEntry("OVH_APPLICATION_KEY", "${OVH_APPLICATION_KEY}");
        assertThat(map(map(caddy.get("networks")).get("frontend"))).containsEntry("ipv4_address", "172.20.1.10");
        assertThat(list(map(services.get("redis")).get("command"))).contains("yes", "--appendonly");
        assertThat(map(map(services.get("diun")).get("environment"))).containsEntry("DIUN_WATCH_SCHEDULE", "0 */6 * * *");
        assertThat(map(caddy.get("healthcheck")).get("test")).isEqualTo(
                model.service("caddy").orElseThrow().healthCheck().orElseThrow().composeTest());
        // From the override: label values stay strings, retries an integer, the run id not an octal number.
        assertThat(map(caddy.get("labels"))).containsEntry(RunLabels.HARNESS, "true").containsEntry(RunLabels.RUN, "0102030405");
        assertThat(map(caddy.get("healthcheck")).get("retries")).isInstanceOf(Integer.class);
        assertThat(map(map(services.get("fixture-s3")).get("environment"))).containsEntry("S3_ACCESS_KEY", "${FIXTURE_S3_ACCESS_KEY}");
    }

    @Test
    void valuesAYaml11ReaderWouldRetypeComeBackAsTheStringsWritten() throws Exception {
        Path tool = dockerCompose();
        Map<String, Object> environment = new LinkedHashMap<>();
        List<String> tricky = List.of("010", "0755", "0x1F", "1e3", "yes", "No", "on", "~", "null", "80:80", "1:30",
                "2026-11-30", ".inf", "-", "a: b", "#x", "quote\"d", "tab\there");
        for (int i = 0; i < tricky.size(); i++) {
            environment.put("V" + i, tricky.get(i));
        }
        environment.put("DOLLAR", "pa$$word");
        environment.put("UNESCAPED", "pa$vpai_never_set");
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("image", "debian:bookworm");
        service.put("environment", environment);
        service.put("command", new ArrayList<>(tricky));
        Path file = root.resolve("docker-compose.yml");
        Files.writeString(file, YamlWriter.emit(Map.of("services", Map.of("t", service)), Set.of("services")));

        Map<String, Object> read = map(map(config(tool, List.of(file)).get("services")).get("t"));

        for (int i = 0; i < tricky.size(); i++) {
            assertThat(map(read.get("environment")).get("V" + i)).as("V%d", i).isEqualTo(tricky.get(i));
        }
        assertThat(read.get("command")).isEqualTo(tricky);
        // Compose interpolates: $$ is a literal dollar (config prints it escaped again), a lone $ a variable.
        ExternalTool.Result interpolated = compose(tool, List.of(file), "config");
        assertThat(map(map(map(asPyYaml().<Map<String, Object>>load(interpolated.stdout()).get("services")).get("t"))
                .get("environment"))).containsEntry("DOLLAR", "pa$$word").containsEntry("UNESCAPED", "pa");
    }

    /** What a run writes for the offline environment: built images by a made-up tag, mounts in {@code runDir}. */
    private static String offlineOverride(Stack model, Path runDir) {
        ContainerEnvironment offline = (ContainerEnvironment) Environments.load(PROJECT, "offline", model);
        OverrideFile.Mounts mounts = new OverrideFile.Mounts(runDir.resolve("Caddyfile"),
                runDir.resolve("environment.caddy"), runDir.resolve("headscale-config"), runDir.resolve("unbound-public.conf"));
        return OverrideFile.render(model, offline, source -> source instanceof ImageSource.Pull pull ? pull.reference()
                : "vpai/" + ((ImageSource.Build) source).logicalImage() + ":test", RUN, mounts, null);
    }

    /** {@code docker-compose config} without interpolation: {@code ${NAME}} comes back as written. */
    private static Map<String, Object> config(Path tool, List<Path> files) throws Exception {
        ExternalTool.Result result = compose(tool, files, "config", "--no-interpolate");
        assertThat(result.exitCode()).withFailMessage("docker-compose config failed:%n%s", result.both()).isZero();
        return asPyYaml().load(result.stdout());
    }

    /**
     * A reader that types plain scalars as PyYAML (which wrote the output) does: SnakeYAML's float rule also
     * takes {@code 1e3}, which PyYAML writes plain because to it that is a string.
     */
    private static Yaml asPyYaml() {
        Resolver resolver = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL, BOOL, "yYnNtTfFoO");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, INT, "-+0123456789");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, PYYAML_FLOAT, "-+0123456789.");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.MERGE, MERGE, "<");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.TIMESTAMP, TIMESTAMP, "0123456789");
            }
        };
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new Constructor(new LoaderOptions()), new Representer(dumper), dumper, new LoaderOptions(), resolver);
    }

    /** PyYAML's float: a dot is required (1.5, 1.5e+3, .5, 1:30.0, .inf, .nan). */
    private static final Pattern PYYAML_FLOAT = Pattern.compile("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN))$");

    private static ExternalTool.Result compose(Path tool, List<Path> files, String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of(tool.toString()));
        files.forEach(f -> argv.addAll(List.of("-f", f.toString())));
        argv.addAll(List.of(command));
        return ExternalTool.run(argv, files.get(0).getParent(), Map.of());
    }

    private static Path dockerCompose() {
        return ExternalTool.find("docker-compose").orElseGet(() -> {
            String reason = "docker-compose is not on PATH (apt-get install docker-compose)";
            if (System.getenv("CI") != null) {
                Assertions.fail(reason + "; CI is set, so the check must run");
            }
            Assumptions.abort(reason);
            return null;
        });
    }
}
