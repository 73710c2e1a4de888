/**
 * The simulator's implementation details: option parsing and recap printing. Not API; may change
 * at any time.
 */
package io.peerwork.simulator.internal;
