/**
 * Extension points for plugin authors: {@link io.peerwork.core.spi.TopicFormat} (a kind of session,
 * with its agenda, catalogue of recurring tasks and help topics) and {@link
 * io.peerwork.core.spi.QueuePolicy} (the order of the help queue).
 */
package io.peerwork.core.spi;
