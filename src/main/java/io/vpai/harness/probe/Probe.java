package io.vpai.harness.probe;

import io.vpai.harness.model.Ipv4;

/**
 * One observation to make from inside a service's network namespace. A probe is data: it knows the
 * shell line that makes the observation and how to read that line's answer.
 */
public sealed interface Probe permits TcpProbe, DnsProbe, HttpProbe {
    /** The service whose network namespace the probe runs in. */
    String from();

    /** The address the probe is aimed at; checked against the probeable networks before it runs. */
    Ipv4 address();

    /** A sentence for test names and reports: {@code n8n → 172.20.2.20:5432}. */
    String describe();

    /** One shell command printing a single answer line; it must end within the probe's own timeout. */
    String command();
}
