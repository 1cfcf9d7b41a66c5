using System;
using System.Globalization;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// Reads Toloka timestamps. Toloka writes them in UTC without an offset
    /// (<c>2016-04-07T16:06:15.902</c>); read naively they would take the machine's time zone, so a
    /// missing offset is read as UTC. A timestamp with an offset keeps it.
    /// </summary>
    internal sealed class TolokaTimestampConverter : JsonConverter
    {
        public override bool CanConvert(Type objectType) =>
            objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
        {
            switch (reader.TokenType)
            {
                case JsonToken.Null:
                    if (objectType == typeof(DateTimeOffset))
                    {
                        throw new JsonSerializationException("A timestamp is null where one is required.");
                    }

                    return null;
                case JsonToken.String when reader.Value is string text:
                    if (text.Length == 0 && objectType == typeof(DateTimeOffset?))
                    {
                        return null;
                    }

                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                    {
                        return value;
                    }

                    throw new JsonSerializationException("'" + (text.Length <= 64 ? text : text.Remove(64) + "...") + "' is not a timestamp.");
                case JsonToken.Date when reader.Value is DateTimeOffset offset:
                    return offset;
                case JsonToken.Date when reader.Value is DateTime date:
                    return new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc));
                default:
                    throw new JsonSerializationException("Expected a timestamp string, found " + reader.TokenType + ".");
            }
        }

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            if (value is DateTimeOffset timestamp)
            {
                writer.WriteValue(timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull();
            }
        }
    }
}
