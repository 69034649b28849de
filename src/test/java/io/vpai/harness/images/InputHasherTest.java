package io.vpai.harness.images;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache key: what changes an image's tag and what does not. No Docker needed. */
@Tag("gate")
@DisplayName("The image cache key changes exactly with the image's inputs")
@Epic(Behaviors.HARNESS)
@Feature(Behaviors.OFFLINE_IMAGES)
class InputHasherTest {

    @TempDir
    Path root;

    private final ImageSpec redis = ImageSpec.builtOn("runtime-common", "redis");

    @BeforeEach
    void imageFolder() throws IOException {
        Path folder = Files.createDirectories(root.resolve("src/main/docker/redis"));
        Files.writeString(folder.resolve("Dockerfile"), "ARG BASE\nFROM ${BASE}\n");
        Files.writeString(folder.resolve("redis.conf"), "bind * -::*\n");
    }

    @Test
    @DisplayName("the same inputs give the same hash")
    void sameInputsSameHash() {
        assertThat(hash(redis, "vpai/runtime-common:aaa")).isEqualTo(hash(redis, "vpai/runtime-common:aaa")).hasSize(64);
    }

    @Test
    @DisplayName("an edited, added or renamed file changes the hash")
    void anyFileChangeChangesTheHash() throws IOException {
        Path folder = root.resolve("src/main/docker/redis");
        String before = hash(redis, "p");
        Files.writeString(folder.resolve("redis.conf"), "bind 0.0.0.0\n");
        String edited = hash(redis, "p");
        Files.writeString(folder.resolve("extra.sh"), "#!/bin/sh\n");
        String added = hash(redis, "p");
        Files.move(folder.resolve("extra.sh"), folder.resolve("other.sh"));
        String renamed = hash(redis, "p");
        assertThat(java.util.List.of(before, edited, added, renamed)).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a new parent changes the hash, so a rebuilt base rebuilds everything on it")
    void parentChangesTheHash() {
        assertThat(hash(redis, "vpai/runtime-common:aaa")).isNotEqualTo(hash(redis, "vpai/runtime-common:bbb"));
    }

    @Test
    @DisplayName("file modes and Python caches do not change the hash")
    void modesAndCachesDoNotCount() throws IOException {
        Path folder = root.resolve("src/main/docker/redis");
        String before = hash(redis, "p");
        folder.resolve("redis.conf").toFile().setExecutable(true);
        Files.createDirectories(folder.resolve("__pycache__"));
        Files.writeString(folder.resolve("__pycache__/x.pyc"), "cache");
        assertThat(hash(redis, "p")).isEqualTo(before);
    }

    @Test
    @DisplayName("an extra input's content is part of the hash; a missing required one is named with the fix")
    void extraInputs() throws IOException {
        Files.createDirectories(root.resolve("src/main/docker/s3"));
        Files.writeString(root.resolve("src/main/docker/s3/Dockerfile"), "ARG BASE\nFROM ${BASE}\n");
        ImageSpec s3 = ImageSpec.builtOn("runtime-common", "s3")
                .withExtraInput(ExtraInput.required("s3proxy.jar", "target/image-inputs/s3proxy.jar", "run mvn generate-resources"));

        assertThatThrownBy(() -> hash(s3, "p"))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("s3")
                .hasMessageContaining("target/image-inputs/s3proxy.jar")
                .hasMessageContaining("run mvn generate-resources");

        Files.createDirectories(root.resolve("target/image-inputs"));
        Files.writeString(root.resolve("target/image-inputs/s3proxy.jar"), "v1");
        String v1 = hash(s3, "p");
        Files.writeString(root.resolve("target/image-inputs/s3proxy.jar"), "v2");
        assertThat(hash(s3, "p")).isNotEqualTo(v1);
    }

    @Test
    @DisplayName("the tag is the first 12 hex digits of the hash")
    void tagIsTheHashPrefix() {
        String hash = hash(redis, "p");
        assertThat(new PlannedImage(redis, hash, Optional.of("p")).ref()).isEqualTo("vpai/redis:" + hash.substring(0, 12));
    }

    @Test
    @DisplayName("the catalog lists parents before children and knows only its own names")
    void catalogOrder() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ImageSpec spec : ImageCatalog.all()) {
            spec.parent().ifPresent(parent -> assertThat(seen).as("parent of %s", spec.logicalName()).contains(parent));
            seen.add(spec.logicalName());
        }
        assertThat(OfflineImages.knownLogicalNames()).contains("base", "postgres", "standin", "n8n");
        assertThatThrownBy(() -> ImageCatalog.require("mongodb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mongodb'");
    }

    @Test
    @DisplayName("a folder that is not the project root is refused in one line")
    void wrongProjectRoot() {
        assertThatThrownBy(() -> OfflineImages.ensureBuilt(root.resolve("nowhere"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the harness project root");
    }

    private String hash(ImageSpec spec, String parentRef) {
        return InputHasher.hash(root, spec, Optional.of(parentRef));
    }
}
