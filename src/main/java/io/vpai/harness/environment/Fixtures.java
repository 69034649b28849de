package io.vpai.harness.environment;

import io.vpai.harness.model.Stack;

/**
 * What a container environment adds around the production networks: the internet stand-in (public clients,
 * public DNS, the "internet sentinel" at its gateway, and the mesh members' own addresses) and the real
 * Headscale mesh standing for the tailnet, laid over it.
 */
public record Fixtures(TailnetFixture tailnet, FixtureNetwork internet) {

    public static final String TAILNET = "tailnet";
    public static final String INTERNET = "internet";

    public Fixtures {
        Required.nonNull("tailnet internet", tailnet, internet);
    }

    /** The mesh laid over {@code internet} for {@code model}. */
    public static Fixtures of(Stack model, FixtureNetwork internet) {
        return new Fixtures(TailnetFixture.of(model, internet), internet);
    }

    /** True when {@code address} lies on the internet fixture or in the mesh. */
    public boolean contains(String address) {
        return tailnet.contains(address) || internet.contains(address);
    }
}
