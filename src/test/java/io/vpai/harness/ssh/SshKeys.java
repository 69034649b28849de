package io.vpai.harness.ssh;

import io.vpai.harness.engine.ShellResult;

import io.vpai.harness.engine.ProcessRunner;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway OpenSSH ed25519 key pair made with {@code ssh-keygen} for one test run: the format real operators
 * have, read by sshj exactly as it would read theirs.
 *
 * @param fingerprint as {@code ssh-keygen -lf} prints it: {@code SHA256:…}
 */
record SshKeys(Path privateKey, Path publicKey, String publicLine, String fingerprint) {

    static SshKeys generate(Path privateKey, String comment) {
        requireTool();
        try {
            Files.createDirectories(privateKey.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + privateKey.getParent(), e);
        }
        ShellResult made = ProcessRunner.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment,
                "-f", privateKey.toString()), Duration.ofSeconds(20));
        if (!made.ok()) {
            throw new IllegalStateException("ssh-keygen failed: " + made.tail(3));
        }
        Path publicKey = Path.of(privateKey + ".pub");
        ShellResult listed = ProcessRunner.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f",
                publicKey.toString()), Duration.ofSeconds(20));
        try {
            return new SshKeys(privateKey, publicKey, Files.readString(publicKey).strip(), listed.output().split("\\s+")[1]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + publicKey, e);
        }
    }

    /** {@code ssh-ed25519 AAAA…} without the comment: what a known_hosts line carries after the host. */
    String typeAndKey() {
        String[] fields = publicLine.split("\\s+");
        return fields[0] + " " + fields[1];
    }

    private static void requireTool() {
        boolean present = onPath("ssh-keygen");
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("ssh-keygen is missing (apt-get install openssh-client)");
        }
        Assumptions.assumeTrue(present, "ssh-keygen is missing (apt-get install openssh-client)");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
