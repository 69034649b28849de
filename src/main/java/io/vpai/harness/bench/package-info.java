/** The benchmarks {@code bench NAME} runs: each prints figures as ratios against a baseline measured in the same run. */
package io.vpai.harness.bench;
