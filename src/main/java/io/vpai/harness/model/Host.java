package io.vpai.harness.model;

import java.util.Optional;

/** A machine of the infrastructure. Its addresses are data: the harness never connects to them. */
public record Host(
        String name,
        String displayName,
        String provider,
        String role,
        Optional<String> publicAddress,
        Optional<String> lanAddress,
        Optional<String> tailnetAddress,
        int sshPort,
        String sshUser) {

    public Host {
        Names.require("host", name);
        Names.nonBlank("role of host '" + name + "'", role);
        Ports.check(sshPort);
        Names.nonBlank("ssh user of host '" + name + "'", sshUser);
        for (Optional<String> address : java.util.List.of(publicAddress, lanAddress, tailnetAddress)) {
            address.filter(a -> !Ipv4.isValid(a)).ifPresent(a -> {
                throw new ModelException("host '" + name + "': '" + a + "' is not an IPv4 address");
            });
        }
    }
}
