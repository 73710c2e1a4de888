package io.peerwork.jackson;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.peerwork.core.Command;
import io.peerwork.core.GoalId;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RequestId;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import java.util.List;
import java.io.IOException;
import java.util.function.Function;

/**
 * JSON for Peerwork with Jackson: commands and events (of sessions and of series) as objects with a {@code "type"} property
 * naming the record ({@code {"type":"GoalDeclared","at":"2026-03-03T08:00:00Z",...}}), ids as plain
 * strings, instants and durations as ISO-8601 strings, texts in several languages ({@link
 * LocalizedText}) as {@code {"de":...,"en":...}}, empty optionals left out.
 *
 * <p>Reading is lenient where old data meets new code: unknown properties are ignored and a
 * missing optional is empty, so a journal written before an event gained an optional field still
 * reads. The mapping is used for both the journal and the live protocol.
 */
public final class PeerworkJackson {
  private PeerworkJackson() {}

  /** A new mapper configured for Peerwork. Mappers are thread-safe; make one and share it. */
  public static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
        .build();
  }

  /**
   * A mapper for input from untrusted clients (the live protocol's frames): the same mapping, but
   * nothing is coerced and nothing is left over. A number is not read as text nor text as a number
   * ({@code "text": 42} and {@code "minutes": "5"} fail), a fraction is not cut to a whole number
   * ({@code 1.5} fails for an {@code int}), a number does not name an enum constant, a missing
   * primitive is not read as 0, and data after the first value ({@code {...}{...}}) fails.
   */
  public static ObjectMapper newStrictObjectMapper() {
    JsonMapper m = JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    for (LogicalType t : LogicalType.values()) {
      m.coercionConfigFor(t)
          .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer || t == LogicalType.Float
              ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail);
    }
    return m;
  }

  /**
   * The Jackson module alone, for an application that configures its own mapper. It needs {@link
   * Jdk8Module} and {@link JavaTimeModule} beside it.
   */
  public static Module module() {
    var m = new SimpleModule("peerwork");
    id(m, SessionId.class, SessionId::value, SessionId::new);
    id(m, ParticipantId.class, ParticipantId::value, ParticipantId::new);
    id(m, GoalId.class, GoalId::value, GoalId::new);
    id(m, RequestId.class, RequestId::value, RequestId::new);
    id(m, SeriesId.class, SeriesId::value, SeriesId::new);
    localizedText(m);
    for (Class<?> sealed : List.of(SessionEvent.class, Command.class, SeriesEvent.class, SeriesCommand.class,
        Recurrence.class)) {
      m.setMixInAnnotation(sealed, TypeProperty.class);
      for (Class<?> c : sealed.getPermittedSubclasses()) {
        m.registerSubtypes(new NamedType(c, c.getSimpleName()));
      }
    }
    return m;
  }

  /** The {@code "type"} name of an event or command class. */
  public static String typeName(Class<?> eventOrCommand) {
    return eventOrCommand.getSimpleName();
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  private interface TypeProperty {}

  /**
   * A {@link LocalizedText} as a plain object of its languages, {@code {"de":"...","en":"..."}}, in
   * the order of the language codes: the same shape as the texts of the live protocol's views.
   */
  private static void localizedText(SimpleModule m) {
    m.addSerializer(LocalizedText.class, new JsonSerializer<LocalizedText>() {
      @Override
      public void serialize(LocalizedText value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeStartObject();
        for (var e : new java.util.TreeMap<>(value.byLanguage()).entrySet()) {
          gen.writeStringField(e.getKey(), e.getValue());
        }
        gen.writeEndObject();
      }
    });
    m.addDeserializer(LocalizedText.class, new JsonDeserializer<LocalizedText>() {
      @Override
      public LocalizedText deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
          return ctxt.reportInputMismatch(LocalizedText.class, "a text is an object of languages: {\"de\":...,\"en\":...}");
        }
        var texts = new java.util.LinkedHashMap<String, String>();
        for (var t = p.nextToken(); t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME; t = p.nextToken()) {
          String language = p.currentName();
          if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            return ctxt.reportInputMismatch(LocalizedText.class, "the text in '%s' is not text", language);
          }
          texts.put(language, p.getText());
        }
        try {
          return new LocalizedText(texts);
        } catch (IllegalArgumentException e) {
          return ctxt.reportInputMismatch(LocalizedText.class, "invalid text: %s", e.getMessage());
        }
      }
    });
  }

  private static <T> void id(SimpleModule m, Class<T> type, Function<T, String> write, Function<String, T> read) {
    m.addSerializer(type, new JsonSerializer<T>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(write.apply(value));
      }
    });
    m.addDeserializer(type, new JsonDeserializer<T>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
          return ctxt.reportInputMismatch(type, "an id is text");
        }
        String text = p.getText();
        try {
          return read.apply(text);
        } catch (IllegalArgumentException | NullPointerException e) {
          return ctxt.reportInputMismatch(type, "invalid %s: %s", type.getSimpleName(), e.getMessage());
        }
      }
    });
  }
}
