package io.vpai.harness.specs;

import io.vpai.harness.model.Stack;
import io.vpai.harness.ssh.LocalPreprod;
import io.vpai.harness.ssh.PreprodHost;
import io.vpai.harness.support.RequiresDocker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

/**
 * The preprod smoke suite against the local sshd container standing for preprod: deployed through the SSH target
 * with this machine's engine behind it, seeded, smoke-tested, torn down. What CI runs. Tagged {@code ssh}: it brings
 * up its own stack, so it runs in the "isolated" surefire execution: its own JVM, after the shared
 * container stack of the main execution is gone (one stack per machine).
 */
@Tag("stack")
@Tag("ssh")
@Tag("isolated")
@RequiresDocker
@DisplayName("Preprod smoke over SSH (local sshd standing for preprod)")
class PreprodSmokeSpec extends PreprodSmokeSuite {
    @Override
    PreprodHost start(Path projectRoot, Stack model) {
        return LocalPreprod.start(projectRoot, model);
    }
}
