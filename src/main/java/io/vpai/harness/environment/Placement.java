package io.vpai.harness.environment;

import java.util.ArrayList;
import java.util.List;

/** Fixed host numbers inside a fixture network, for the containers the harness adds without a key of their own. */
final class Placement {
    private Placement() {
    }

    static String place(FixtureNetwork network, String name, int host, String role) {
        String address = network.subnet().host(host);
        List<String> taken = new ArrayList<>(network.members());
        taken.add(network.gateway());
        // A /26 or larger keeps the fixed hosts (.30 to .50) clear of the broadcast address.
        if (network.subnet().prefixLength() > 26 || taken.contains(address)) {
            throw new IllegalStateException("fixture network " + name + " " + network.subnet() + " has no free host ." + host
                    + " for the " + role + " fixture (taken: " + taken + ")");
        }
        return address;
    }
}
