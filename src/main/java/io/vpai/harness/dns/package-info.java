/**
 * Split DNS, observed: what each resolver should answer ({@link io.vpai.harness.dns.SplitDnsExpectations},
 * from the model's tailnet and public records), asking it with dnsjava ({@link io.vpai.harness.dns.DnsjavaLookup},
 * from the test JVM, only at resolvers inside networks the harness created), and the comparison
 * ({@link io.vpai.harness.dns.DnsComparison}) whose failures name the record, the resolver and both answers.
 *
 * <p>Public answers are production addresses: data, never a destination. {@link io.vpai.harness.dns.PublicAddressMap}
 * is the one place that says which fixture address stands for which of them.
 */
package io.vpai.harness.dns;
