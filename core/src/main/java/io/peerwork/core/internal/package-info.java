/**
 * Peerwork's implementation details. Nothing here is API: it may change in any release without
 * notice. Use the types in {@code io.peerwork.core} and {@code io.peerwork.core.spi}.
 */
package io.peerwork.core.internal;
