package io.vpai.harness.environment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The networks a container environment adds around the production ones: the tailnet stand-in
 * (VPN clients, MagicDNS resolver) and the internet stand-in (public clients, public DNS, the
 * "internet sentinel" at its gateway).
 */
public record Fixtures(FixtureNetwork tailnet, FixtureNetwork internet) {

    public static final String TAILNET = "tailnet";
    public static final String INTERNET = "internet";

    public Fixtures {
        Required.nonNull("tailnet internet", tailnet, internet);
        if (tailnet.subnet().overlaps(internet.subnet())) {
            throw EnvironmentException.of("internet.subnet",
                    internet.subnet() + " overlaps the tailnet fixture " + tailnet.subnet());
        }
    }

    /** Both fixtures by name, tailnet first. */
    public Map<String, FixtureNetwork> byName() {
        Map<String, FixtureNetwork> all = new LinkedHashMap<>();
        all.put(TAILNET, tailnet);
        all.put(INTERNET, internet);
        return java.util.Collections.unmodifiableMap(all);
    }

    /** True when {@code address} lies in one of the fixture networks. */
    public boolean contains(String address) {
        return tailnet.contains(address) || internet.contains(address);
    }
}
