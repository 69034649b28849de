package io.vpai.harness.specs;

import io.vpai.harness.model.Stack;
import io.vpai.harness.ssh.PreprodHost;
import io.vpai.harness.ssh.RemotePreprod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;

/**
 * The preprod smoke suite against the real preprod, after its seeding job: {@code environments/preprod.yaml},
 * {@code VPAI_PREPROD_HOST} and {@code VPAI_SSH_KEY} from the environment, the host key pinned by the committed
 * known_hosts file. Runs only when asked for ({@code -Dvpai.env=preprod}); it needs no local Docker.
 */
@Tag("smoke")
@EnabledIfSystemProperty(named = "vpai.env", matches = "preprod",
        disabledReason = "the real preprod is smoke-tested only when asked for: -Dvpai.env=preprod")
@DisplayName("Preprod smoke over SSH (the real preprod)")
class PreprodRemoteSmokeSpec extends PreprodSmokeSuite {
    @Override
    PreprodHost start(Path projectRoot, Stack model) {
        return RemotePreprod.start(projectRoot, model);
    }
}
