/**
 * The demo server's implementation: HTTP handlers, WebSocket connections, room owners, tokens.
 * Not an API; it may change at any time.
 */
package io.peerwork.server.internal;
