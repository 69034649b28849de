package io.vpai.harness.model;

/**
 * A Docker network of the VPS. {@code internal} networks have no route out of the host;
 * {@code egress} marks the one network whose purpose is outbound traffic to external APIs.
 */
public record Network(String name, Cidr subnet, boolean internal, boolean egress) {
    public Network {
        Names.require("network", name);
        if (subnet == null) {
            throw new ModelException("network '" + name + "': subnet is missing");
        }
        if (internal && egress) {
            throw new ModelException("network '" + name + "': an egress network cannot be internal");
        }
    }

    public static Network bridge(String name, String subnet) {
        return new Network(name, subnet(name, subnet), false, false);
    }

    public static Network internal(String name, String subnet) {
        return new Network(name, subnet(name, subnet), true, false);
    }

    public static Network egress(String name, String subnet) {
        return new Network(name, subnet(name, subnet), false, true);
    }

    /** The subnet text parsed, a bad one reported under its network: {@code network 'frontend': subnet '…': …}. */
    private static Cidr subnet(String name, String text) {
        try {
            return Cidr.parse(text);
        } catch (ModelException e) {
            throw new ModelException("network '" + name + "': subnet " + e.getMessage());
        }
    }

    /** The address Docker's bridge takes on this network: the host side, never a container. */
    public String gateway() {
        return subnet.host(1);
    }

    public Network withInternal(boolean value) {
        return new Network(name, subnet, value, egress);
    }
}
