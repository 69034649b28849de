/** Waiting: one polling helper over Awaitility, used wherever the harness waits for a state. */
package io.vpai.harness.wait;
