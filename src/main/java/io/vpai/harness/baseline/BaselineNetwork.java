package io.vpai.harness.baseline;

import io.vpai.harness.model.Cidr;

/** A network as sections 1 and 2 draw it: its name, its subnet and whether it is internal or a bridge. */
public record BaselineNetwork(String name, Cidr subnet, boolean internal) {
    public BaselineNetwork {
        if (name == null || name.isBlank() || subnet == null) {
            throw new IllegalArgumentException("baseline network needs a name and a subnet");
        }
    }

    static BaselineNetwork bridge(String name, String subnet) {
        return new BaselineNetwork(name, Cidr.parse(subnet), false);
    }

    static BaselineNetwork internal(String name, String subnet) {
        return new BaselineNetwork(name, Cidr.parse(subnet), true);
    }

    public String kind() {
        return internal ? "internal" : "bridge";
    }
}
