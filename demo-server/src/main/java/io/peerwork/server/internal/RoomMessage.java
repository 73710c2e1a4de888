package io.peerwork.server.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything that travels on a room's event-bus addresses: requests, replies and published frames.
 * One {@link RoomCodec} carries them all; its wire form names the concrete type with {@code "m"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "m")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RoomRequest.Execute.class, name = "Execute"),
    @JsonSubTypes.Type(value = RoomRequest.Connect.class, name = "Connect"),
    @JsonSubTypes.Type(value = RoomRequest.Chat.class, name = "Chat"),
    @JsonSubTypes.Type(value = RoomRequest.Info.class, name = "Info"),
    @JsonSubTypes.Type(value = RoomRequest.Recap.class, name = "Recap"),
    @JsonSubTypes.Type(value = RoomRequest.Resync.class, name = "Resync"),
    @JsonSubTypes.Type(value = RoomReply.Done.class, name = "Done"),
    @JsonSubTypes.Type(value = RoomReply.Chatted.class, name = "Chatted"),
    @JsonSubTypes.Type(value = RoomReply.Refused.class, name = "Refused"),
    @JsonSubTypes.Type(value = RoomReply.Failed.class, name = "Failed"),
    @JsonSubTypes.Type(value = RoomReply.Connected.class, name = "Connected"),
    @JsonSubTypes.Type(value = RoomReply.Info.class, name = "InfoReply"),
    @JsonSubTypes.Type(value = RoomReply.Recap.class, name = "RecapReply"),
    @JsonSubTypes.Type(value = RoomReply.Resynced.class, name = "Resynced"),
    @JsonSubTypes.Type(value = RoomFrame.class, name = "Frame"),
    @JsonSubTypes.Type(value = RoomRequest.Admit.class, name = "Admit"),
    @JsonSubTypes.Type(value = RoomRequest.Disconnect.class, name = "Disconnect"),
    @JsonSubTypes.Type(value = RoomReply.Admitted.class, name = "Admitted"),
    @JsonSubTypes.Type(value = RoomEnvelope.class, name = "Envelope"),
    @JsonSubTypes.Type(value = RoomRequest.Erase.class, name = "Erase"),
    @JsonSubTypes.Type(value = RoomRequest.ExpireTexts.class, name = "ExpireTexts"),
    @JsonSubTypes.Type(value = RoomReply.Erased.class, name = "Erased"),
    @JsonSubTypes.Type(value = RoomRequest.Standing.class, name = "Standing"),
    @JsonSubTypes.Type(value = RoomReply.Standing.class, name = "StandingReply"),
})
sealed interface RoomMessage permits RoomRequest, RoomReply, RoomFrame, RoomEnvelope {}
