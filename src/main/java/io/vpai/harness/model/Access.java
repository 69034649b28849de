package io.vpai.harness.model;

/** Who may use a name or a route: tailnet clients only, or anyone. */
public enum Access {
    VPN_ONLY, PUBLIC
}
