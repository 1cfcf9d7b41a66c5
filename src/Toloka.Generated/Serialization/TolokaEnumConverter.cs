using System;
using System.Globalization;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// Reads and writes one of the spec's string enums, each an open struct (build/templates/Enum.liquid)
    /// that names its own subclass of this converter. Any text is kept as it came, so a value the spec
    /// does not list (Toloka adds operation types over time) reads, prints and is sent back unchanged
    /// instead of failing the whole answer; an integer where text belongs keeps its digits; any other kind of JSON value is refused.
    /// </summary>
    /// <typeparam name="T">The enum struct.</typeparam>
    internal abstract class TolokaEnumConverter<T> : JsonConverter
        where T : struct
    {
        public override bool CanConvert(Type objectType) => objectType == typeof(T) || objectType == typeof(T?);

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
        {
            switch (reader.TokenType)
            {
                case JsonToken.Null:
                    if (objectType != typeof(T))
                    {
                        return null;
                    }

                    throw new JsonSerializationException("A " + typeof(T).Name + " value is null where one is required.");
#if NET8_0_OR_GREATER
                case JsonToken.String when reader is TolokaJsonReader fast && fast.TryGetChars(out var chars) && FromChars(chars) is { } listed:
                    // A listed value, matched where its text lies: no string is made of it.
                    return listed;
#endif
                case JsonToken.String when reader.Value is string text:
                    return FromText(text);
                case JsonToken.Integer:
                    // Any integer, even past 64 bits (a BigInteger), keeps its digits.
                    return FromText(Convert.ToString(reader.Value, CultureInfo.InvariantCulture) ?? string.Empty);
                default:
                    throw new JsonSerializationException("Expected a " + typeof(T).Name + " string, found " + reader.TokenType + ".");
            }
        }

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            if (value is null)
            {
                writer.WriteNull();
                return;
            }

            var text = ToText((T)value);
            if (text is null)
            {
                throw new JsonSerializationException("A default " + typeof(T).Name + " has no text and cannot be sent.");
            }

            writer.WriteValue(text);
        }

        /// <summary>
        /// The value with this text, boxed: the spec's own instance when it lists the text exactly, in a
        /// box made once (a box holds a readonly value, so one serves every answer), else a new value.
        /// </summary>
        protected abstract object FromText(string text);

#if NET8_0_OR_GREATER
        /// <summary>The listed value (boxed once) whose text is exactly <paramref name="chars"/>; null when the spec lists none.</summary>
        protected abstract object? FromChars(ReadOnlySpan<char> chars);

#endif
        /// <summary>The value's text; null for a default value, which has none.</summary>
        protected abstract string? ToText(T value);
    }
}
