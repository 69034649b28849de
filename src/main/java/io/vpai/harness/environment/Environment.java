package io.vpai.harness.environment;

/**
 * Where the specs run: an ephemeral stack in containers, or a deployed host over SSH. Loaded from
 * {@code environments/<name>.yaml} by {@link Environments#load}; the schema is in each file's header.
 */
public sealed interface Environment permits ContainerEnvironment, SshEnvironment {

    /** What kind of place the environment is; its label is the {@code target:} value in the file. */
    enum Target {
        CONTAINERS, SSH;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    String name();

    String description();

    Target target();

    /**
     * Whether specs that change state (restore, restart, fill a disk) may run here. A container
     * environment is disposable, so always; production never.
     */
    boolean destructiveAllowed();
}
