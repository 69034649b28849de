package io.vpai.harness.access;

import io.vpai.harness.environment.ContainerEnvironment;
import io.vpai.harness.environment.Environments;
import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.VpaiStack;

import java.nio.file.Path;

/** The offline environment's fixture networks, read from environments/offline.yaml as the specs read them. */
public final class OfflineFixtures {
    public static final Stack MODEL = VpaiStack.model();
    static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

    private OfflineFixtures() {
    }

    public static Fixtures fixtures() {
        return ((ContainerEnvironment) Environments.load(PROJECT, "offline", MODEL)).fixtures();
    }
}
