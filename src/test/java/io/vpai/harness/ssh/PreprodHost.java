package io.vpai.harness.ssh;

import java.util.List;
import java.util.Optional;

/**
 * A preprod host the smoke suite runs against, deployed and seeded: the real one ({@code -Dvpai.env=preprod}) or the
 * local sshd container standing for it. The suite is the same for both; only how the host came to be differs.
 */
public interface PreprodHost extends AutoCloseable {
    SshTarget target();

    /** The capability to change this host; present for preprod by construction. */
    HostAccess access();

    PreprodDeployment deployment();

    PreprodDeployment.Report report();

    /** What the harness printed while deploying: checked for leaked secrets. */
    List<String> log();

    /** Where the seeding job leaves the seed's manifest on the host. */
    default String manifestPath() {
        return target().settings().deployDirectory() + "/" + SeedManifest.PATH;
    }

    /** The local stand-in lets a test look behind the target's back (file modes, processes); a real host does not. */
    Optional<LocalSshHost> localSshd();

    @Override
    void close();
}
