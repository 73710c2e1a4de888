/**
 * The testkit's implementation details. Nothing here is API: it may change in any release without
 * notice. Use the types in {@code io.peerwork.testkit}.
 */
package io.peerwork.testkit.internal;
