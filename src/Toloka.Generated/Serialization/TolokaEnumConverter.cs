using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// Reads and writes the spec's string enums by their wire values. A value the spec does not list
    /// (Toloka adds operation types over time) becomes the enum's <c>Unknown</c> member instead of
    /// failing the whole answer. The generated models name this converter on every enum property.
    /// </summary>
    internal sealed class TolokaEnumConverter : JsonConverter
    {
        private static readonly ConcurrentDictionary<Type, EnumNames> Cache = new ConcurrentDictionary<Type, EnumNames>();

        private LastType? _last;

        public override bool CanConvert(Type objectType) => (Nullable.GetUnderlyingType(objectType) ?? objectType).IsEnum;

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
        {
            // Newtonsoft keeps one converter per property, so the property's type is remembered here
            // instead of being looked up in the shared table for every value read.
            var last = _last;
            EnumNames names;
            if (last is not null && last.ObjectType == objectType)
            {
                names = last.Names;
            }
            else
            {
                names = Cache.GetOrAdd(Nullable.GetUnderlyingType(objectType) ?? objectType, type => new EnumNames(type));
                _last = new LastType(objectType, names);
            }

            var enumType = names.Type;
            var isNullable = enumType != objectType;
            switch (reader.TokenType)
            {
                case JsonToken.Null:
                    if (isNullable)
                    {
                        return null;
                    }

                    throw new JsonSerializationException("A " + enumType.Name + " value is null where one is required.");
                case JsonToken.String when reader.Value is string wire:
                    return names.FromWire(wire);
                case JsonToken.Integer when reader.Value is long number:
                    return names.FromNumber(number);
                case JsonToken.Integer:
                    // Past 64 bits (a BigInteger): no enum member has such a value.
                    return names.Unknown ?? throw new JsonSerializationException("A number too large for " + enumType.Name + " was found.");
                default:
                    throw new JsonSerializationException("Expected a " + enumType.Name + " string, found " + reader.TokenType + ".");
            }
        }

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            if (value is null)
            {
                writer.WriteNull();
                return;
            }

            var names = Cache.GetOrAdd(value.GetType(), type => new EnumNames(type));
            writer.WriteValue(names.ToWire(value));
        }

        private sealed class LastType
        {
            internal LastType(Type objectType, EnumNames names)
            {
                ObjectType = objectType;
                Names = names;
            }

            internal Type ObjectType { get; }

            internal EnumNames Names { get; }
        }

        private sealed class EnumNames
        {
            private readonly Type _type;
            private readonly Dictionary<string, object> _byWire = new Dictionary<string, object>(StringComparer.Ordinal);
            private readonly Dictionary<string, object> _byWireIgnoringCase = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<object, string> _toWire = new Dictionary<object, string>();
            private readonly object? _unknown;

            internal EnumNames(Type type)
            {
                _type = type;
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    var value = field.GetValue(null)!;
                    if (field.Name == "Unknown" && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == -1)
                    {
                        _unknown = value;
                        continue;
                    }

                    var wire = field.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? field.Name;
                    _byWire[wire] = value;
                    if (!_byWireIgnoringCase.ContainsKey(wire))
                    {
                        _byWireIgnoringCase[wire] = value;
                    }

                    _toWire[value] = wire;
                }
            }

            internal object FromWire(string wire)
            {
                if (_byWire.TryGetValue(wire, out var value) || _byWireIgnoringCase.TryGetValue(wire, out value))
                {
                    return value;
                }

                return _unknown ?? throw new JsonSerializationException("'" + wire + "' is not a " + _type.Name + " value.");
            }

            internal object? Unknown => _unknown;

            internal Type Type => _type;

            internal object FromNumber(long number)
            {
                var underlying = Enum.GetUnderlyingType(_type);
                var fits = underlying == typeof(long) || (number >= int.MinValue && number <= int.MaxValue);
                var value = fits ? Enum.ToObject(_type, number) : null;
                if (value is not null && _toWire.ContainsKey(value))
                {
                    return value;
                }

                return _unknown ?? throw new JsonSerializationException(number + " is not a " + _type.Name + " value.");
            }

            internal string ToWire(object value)
            {
                if (_toWire.TryGetValue(value, out var wire))
                {
                    return wire;
                }

                throw new JsonSerializationException("The " + _type.Name + " value " + value + " has no wire form and cannot be sent.");
            }
        }
    }
}
