package io.vpai.harness.gate.rendered;

import io.vpai.harness.check.Finding;
import io.vpai.harness.environment.EnvironmentException;
import io.vpai.harness.environment.EnvironmentLoader;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.gate.GateRule;
import io.vpai.harness.model.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every {@code environments/*.yaml} loads and matches the model — not only the one a run selects, so a
 * broken preprod file is caught before the day it is needed. Each broken file is one FAIL whose message
 * is the loader's line ({@code environments/offline.yaml:33: tls: …}).
 */
public final class EnvironmentFilesRule implements GateRule {
    private final Path projectRoot;

    public EnvironmentFilesRule(Path projectRoot) {
        this.projectRoot = projectRoot;
    }

    @Override
    public String id() {
        return "environment.files-valid";
    }

    @Override
    public String description() {
        return "every environments/*.yaml loads and matches the model";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        Path directory = projectRoot.resolve(Environments.DIRECTORY);
        String shown = Environments.DIRECTORY + "/";
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")
                    || p.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            return List.of(Finding.fail(id(), shown, "cannot list " + shown + ": " + e));
        }
        if (files.isEmpty()) {
            return List.of(Finding.fail(id(), shown, shown + " holds no environment file (*.yaml)"));
        }
        List<Finding> findings = new ArrayList<>();
        for (Path file : files) {
            String subject = shown + file.getFileName();
            try {
                var environment = EnvironmentLoader.load(file, stack);
                findings.add(Finding.pass(id(), subject, "loads: " + environment.name() + ", target "
                        + environment.target().name().toLowerCase(java.util.Locale.ROOT)));
            } catch (EnvironmentException e) {
                findings.add(Finding.fail(id(), subject, e.getMessage()));
            } catch (RuntimeException e) {
                findings.add(Finding.fail(id(), subject, subject + ": cannot be loaded: " + e));
            }
        }
        return findings;
    }
}
