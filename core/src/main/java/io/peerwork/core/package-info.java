/**
 * Peerwork's session engine: the API.
 *
 * <p>A {@link io.peerwork.core.SessionEngine} decides what a {@link io.peerwork.core.Command} does
 * to a {@link io.peerwork.core.SessionState} and gives {@link io.peerwork.core.SessionEvent}s or a
 * {@link io.peerwork.core.Rejection}; events evolve the state. Everything here is pure Java with no
 * I/O, no clock and no threads; values are immutable and nothing returns {@code null}.
 */
package io.peerwork.core;
