package io.vpai.harness.ship;

import io.vpai.harness.environment.SshEndpoint;

/**
 * The operator's explicit yes to writing production: the production host typed out
 * ({@code --confirm-production=HOST}), equal to the host {@code environments/production.yaml} resolves to. Typing the
 * host cannot happen by habit the way {@code --yes} can, and it names which production is meant.
 */
public final class Confirmation {
    public static final String OPTION = "--confirm-production";
    private final String host;

    private Confirmation(String host) {
        this.host = host;
    }

    /** @throws IllegalArgumentException when {@code typed} is not the production host (the host is not echoed back) */
    public static Confirmation of(String typed, SshEndpoint production) {
        if (!production.host().equals(typed)) {
            throw new IllegalArgumentException(OPTION + "=" + typed + " does not name the production host (the ssh.host "
                    + "environments/" + production.environment() + ".yaml resolves to); nothing was done");
        }
        return new Confirmation(typed);
    }

    public String host() {
        return host;
    }
}
