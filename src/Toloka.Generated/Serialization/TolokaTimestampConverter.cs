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
#if NET8_0_OR_GREATER
                case JsonToken.String when reader is TolokaJsonReader fast && fast.TryGetChars(out var chars) && TryReadTolokaForm(chars, out var read):
                    // Toloka's own form, read where it lies: no string is made of it.
                    return read;
#endif
                case JsonToken.String when reader.Value is string text:
                    if (text.Length == 0 && objectType == typeof(DateTimeOffset?))
                    {
                        return null;
                    }

                    if (TryReadTolokaForm(text, out var value)
                        || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
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

        /// <summary>
        /// Toloka's own form, <c>yyyy-MM-ddTHH:mm:ss</c> with up to seven fraction digits and no offset,
        /// read as UTC without the general parser (which costs more than the rest of an answer's
        /// binding). Anything else, or any field out of range, is left to <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>.
        /// </summary>
#if NET8_0_OR_GREATER
        internal static bool TryReadTolokaForm(ReadOnlySpan<char> text, out DateTimeOffset value)
#else
        internal static bool TryReadTolokaForm(string text, out DateTimeOffset value)
#endif
        {
            value = default;
            if (text.Length < 19 || text.Length > 27 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
            {
                return false;
            }

            if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
                || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
            {
                return false;
            }

            var fractionTicks = 0;
            if (text.Length > 19)
            {
                var digits = text.Length - 20;
                if (text[19] != '.' || digits < 1 || !Digits(text, 20, digits, out fractionTicks))
                {
                    return false;
                }

                for (var i = digits; i < 7; i++)
                {
                    fractionTicks *= 10;
                }
            }

            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks), TimeSpan.Zero);
            return true;
        }

#if NET8_0_OR_GREATER
        private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int number)
#else
        private static bool Digits(string text, int start, int count, out int number)
#endif
        {
            number = 0;
            for (var i = start; i < start + count; i++)
            {
                var digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }

                number = (number * 10) + digit;
            }

            return true;
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
