package io.vpai.harness.report;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, pointed at loopback only: every name but 127.0.0.1 resolves to nothing and any other
 * request goes to a proxy on a closed loopback port, so a page that reached for the network would fail to, not leave
 * the machine. Background services (sync, updates, metrics) are off; the profile is a fresh temporary directory.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;
    private final Path workDirectory;

    private HeadlessChromium(Path binary, Path workDirectory) {
        this.binary = binary;
        this.workDirectory = workDirectory;
    }

    /** The browser, when Debian's {@code chromium} package is installed (.ci/provision installs it). */
    static Optional<HeadlessChromium> find(Path workDirectory) {
        return Files.isExecutable(BINARY) ? Optional.of(new HeadlessChromium(BINARY, workDirectory)) : Optional.empty();
    }

    /** The page's DOM once its scripts have run (given virtual time to settle), as Chromium serialises it. */
    String dumpDom(URI page) throws IOException, InterruptedException {
        if (!"127.0.0.1".equals(page.getHost())) {
            throw new IllegalArgumentException("headless browsing is for loopback pages only: " + page);
        }
        return run(List.of("--dump-dom", page.toString()));
    }

    /** A PNG of the page, for a person to look at (the file tool shows it). */
    void screenshot(URI page, Path png) throws IOException, InterruptedException {
        if (!"127.0.0.1".equals(page.getHost())) {
            throw new IllegalArgumentException("headless browsing is for loopback pages only: " + page);
        }
        run(List.of("--window-size=1400,1000", "--screenshot=" + png.toAbsolutePath(), page.toString()));
    }

    private String run(List<String> what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDirectory, "chromium-profile");
        Path out = workDirectory.resolve("chromium.out");
        Path err = workDirectory.resolve("chromium.err");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--disable-domain-reliability", "--no-pings",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--proxy-server=127.0.0.1:9", "--virtual-time-budget=15000",
                "--user-data-dir=" + profile));
        command.addAll(what);
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", what));
        }
        if (process.exitValue() != 0) {
            throw new IOException("chromium exited " + process.exitValue() + " for " + String.join(" ", what) + ": "
                    + Files.readString(err, StandardCharsets.UTF_8).strip());
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
