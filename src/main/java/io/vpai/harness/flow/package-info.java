/**
 * The architecture's data flows as requests and what they leave behind: a completion sent through the proxy
 * ({@link io.vpai.harness.flow.LlmRequests}), the calls the LLM provider fixture recorded
 * ({@link io.vpai.harness.flow.ProviderLedger}), the entries LiteLLM's cache wrote to Redis
 * ({@link io.vpai.harness.flow.RedisCache}), and a service's own clients logging in to it
 * ({@link io.vpai.harness.flow.ClientLogin}). Everything here observes; the specs judge.
 */
package io.vpai.harness.flow;
