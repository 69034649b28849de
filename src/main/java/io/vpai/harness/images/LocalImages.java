package io.vpai.harness.images;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the local Docker engine already holds. */
final class LocalImages {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private LocalImages() {}

    /**
     * References of every image this harness built, in one docker call rather than one
     * {@code docker image inspect} per image: keeps a call with nothing to build well under 2 s.
     */
    static Set<String> harnessImageRefs() {
        CommandRunner.Result result = CommandRunner.run(List.of("docker", "image", "ls",
                "--filter", "label=" + OfflineImages.LABEL_IMAGE,
                "--format", "{{.Repository}}:{{.Tag}}"), QUERY_TIMEOUT);
        if (!result.succeeded()) {
            throw new ImageBuildException("cannot list local images (is the Docker engine running and"
                    + " reachable?): " + result.tail(3));
        }
        Set<String> refs = new HashSet<>();
        for (String line : result.lastLines()) {
            if (!line.isBlank()) {
                refs.add(line.strip());
            }
        }
        return refs;
    }
}
