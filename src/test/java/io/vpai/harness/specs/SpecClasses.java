package io.vpai.harness.specs;

import java.util.List;

/** The spec classes of this package, for tests of how they are run (their classes are package-private). */
public final class SpecClasses {
    private SpecClasses() {
    }

    public static List<Class<?>> all() {
        return List.of(EnvironmentSpec.class, LiveInventorySpec.class, IsolationSpec.class, VpnOnlyAccessSpec.class,
                SplitDnsSpec.class, MeshSpec.class, StartupOrderSpec.class, ModelAgainstArchitectureSpec.class,
                InventoryFaultSpec.class, IsolationFaultSpec.class, VpnOnlyFaultSpec.class, SplitDnsFaultSpec.class,
                StartupRecoverySpec.class, BackupRestoreSpec.class, LlmDataFlowSpec.class, AuthenticationSpec.class, OpenClawFlowSpec.class);
    }
}
