#if NET8_0_OR_GREATER
using System;
using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>Numbers and literals of <see cref="TolokaJsonReader"/>.</summary>
    internal sealed partial class TolokaJsonReader
    {
        private static readonly object BoxedTrue = true;
        private static readonly object BoxedFalse = false;

        // Small integers boxed once: a list's progress, counts and durations cost no box each.
        private static readonly object[] SmallIntegers = CreateSmallIntegers();

        private bool _wantInt32;

        /// <summary>As <see cref="JsonTextReader.ReadAsInt32"/>: a number is read as an integer or refused, never rounded.</summary>
        public override int? ReadAsInt32()
        {
            _wantInt32 = true;
            try
            {
                return base.ReadAsInt32();
            }
            finally
            {
                _wantInt32 = false;
            }
        }

        /// <summary>
        /// A number, as <see cref="JsonTextReader"/> reads one: an integer as a <see cref="long"/> (an
        /// <see cref="int"/> when the serializer asks for one, a <see cref="BigInteger"/> past 64 bits),
        /// anything with a fraction or an exponent as the settings' float type.
        /// </summary>
        private void ReadNumber()
        {
            var length = 0;
            var isFloat = false;
            while (true)
            {
                if (_pos + length >= _end && !Fill())
                {
                    break;
                }

                var c = _chars[_pos + length];
                if ((c >= '0' && c <= '9') || c == '-' || c == '+')
                {
                    length++;
                }
                else if (c == '.' || c == 'e' || c == 'E')
                {
                    isFloat = true;
                    length++;
                }
                else
                {
                    break;
                }
            }

            var text = _chars.AsSpan(_pos, length);
            var value = isFloat ? Float(text) : Integer(text);
            _pos += length;
            SetToken(isFloat ? JsonToken.Float : JsonToken.Integer, value);
        }

        private object Float(ReadOnlySpan<char> text)
        {
            if (_wantInt32)
            {
                throw Error("Input string '" + text.ToString() + "' is not a valid integer.");
            }

            if (FloatParseHandling == FloatParseHandling.Decimal && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            if (FloatParseHandling == FloatParseHandling.Double && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                return real;
            }

            throw Error("Input string '" + text.ToString() + "' is not a valid number.");
        }

        private object Integer(ReadOnlySpan<char> text)
        {
            if (text.Length == 0 || text[text.Length - 1] == '-' || text.IndexOf('+') >= 0 || (text.Length > 1 && text[0] == '0') || (text.Length > 2 && text[0] == '-' && text[1] == '0'))
            {
                throw Error("Input string '" + text.ToString() + "' is not a valid number.");
            }

            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                if (_wantInt32 && (number < int.MinValue || number > int.MaxValue))
                {
                    throw Error("JSON integer " + text.ToString() + " is too large or small for an Int32.");
                }

                return number >= 0 && number < SmallIntegers.Length / 2 ? SmallIntegers[(_wantInt32 ? 0 : SmallIntegers.Length / 2) + (int)number]
                    : _wantInt32 ? (int)number : number;
            }

            if (_wantInt32)
            {
                throw Error("JSON integer " + text.ToString() + " is too large or small for an Int32.");
            }

            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        /// <summary>0 to 1,023 boxed as <see cref="int"/>, then the same as <see cref="long"/>.</summary>
        private static object[] CreateSmallIntegers()
        {
            var boxes = new object[2048];
            for (var i = 0; i < 1024; i++)
            {
                boxes[i] = i;
                boxes[1024 + i] = (long)i;
            }

            return boxes;
        }
    }
}
#endif
