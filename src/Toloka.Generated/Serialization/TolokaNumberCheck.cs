using System;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// Refuses a number written with more digits than any real value needs before the JSON reader
    /// sees it: reading a megabyte of digits as a BigInteger costs quadratic time.
    /// </summary>
    internal static class TolokaNumberCheck
    {
        /// <summary>More digits than any number in a Toloka answer needs (a 64-bit integer has 20).</summary>
        internal const int MaxNumberDigits = 400;

#if NET8_0_OR_GREATER
        /// <summary>
        /// True when some run of digits is longer than <see cref="MaxNumberDigits"/> anywhere, strings
        /// included: a cheap, vectorised look that lets <see cref="Check(ArraySegment{byte})"/> decide only then.
        /// </summary>
        private static bool HasLongNumberRun(ReadOnlySpan<byte> bytes)
        {
            while (bytes.Length > MaxNumberDigits)
            {
                var digit = bytes.IndexOfAnyInRange((byte)'0', (byte)'9');
                if (digit < 0 || bytes.Length - digit <= MaxNumberDigits)
                {
                    return false;
                }

                bytes = bytes.Slice(digit);
                var end = bytes.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
                if (end < 0 || end > MaxNumberDigits)
                {
                    return true;
                }

                bytes = bytes.Slice(end);
            }

            return false;
        }
#endif

        /// <summary>
        /// Refuses a number written with more digits than any real value needs before the JSON reader
        /// sees it: reading a megabyte of digits as a BigInteger costs quadratic time. Bytes do as well as
        /// characters: no byte of a multi-byte UTF-8 sequence is a quote, a backslash or a digit.
        /// </summary>
        internal static void Check(ArraySegment<byte> body)
        {
#if NET8_0_OR_GREATER
            if (!HasLongNumberRun(body.AsSpan()))
            {
                return;
            }
#endif
            var bytes = body.Array!;
            var inString = false;
            var run = 0;
            for (var i = body.Offset; i < body.Offset + body.Count; i++)
            {
                if (Refuses(bytes[i], ref inString, ref run, ref i))
                {
                    throw new JsonReaderException("A number in the answer has more than " + MaxNumberDigits + " digits.");
                }
            }
        }

        /// <summary>See <see cref="Check(ArraySegment{byte})"/>: the same, on text that is already decoded.</summary>
        internal static void Check(string text)
        {
            var inString = false;
            var run = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (Refuses(text[i], ref inString, ref run, ref i))
                {
                    throw new JsonReaderException("A number in the answer has more than " + MaxNumberDigits + " digits.");
                }
            }
        }

        /// <summary>One step of the scan: true when <paramref name="character"/> makes a run of digits, outside strings, too long.</summary>
        private static bool Refuses(int character, ref bool inString, ref int run, ref int index)
        {
            if (inString)
            {
                if (character == '\\')
                {
                    index++;
                }
                else if (character == '"')
                {
                    inString = false;
                }

                return false;
            }

            if (character == '"')
            {
                inString = true;
                run = 0;
                return false;
            }

            run = character >= '0' && character <= '9' ? run + 1 : 0;
            return run > MaxNumberDigits;
        }
    }
}
