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
        /// True when some run of digits may be longer than <see cref="MaxNumberDigits"/> anywhere, strings
        /// included, a run across two pieces too: a cheap, vectorised look that lets <see cref="Check(TolokaBody)"/> scan only then.
        /// </summary>
        private static bool MayHaveLongRun(TolokaBody body)
        {
            var trailing = 0;
            for (var i = 0; i < body.Pieces; i++)
            {
                var bytes = body.Piece(i).AsSpan();
                var leading = bytes.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
                if (HasLongNumberRun(bytes) || trailing + (leading < 0 ? bytes.Length : leading) > MaxNumberDigits)
                {
                    return true;
                }

                var last = bytes.LastIndexOfAnyExceptInRange((byte)'0', (byte)'9');
                trailing = leading < 0 ? trailing + bytes.Length : bytes.Length - last - 1;
            }

            return false;
        }

        /// <summary>True when some run of digits in <paramref name="bytes"/> is longer than <see cref="MaxNumberDigits"/>.</summary>
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
        /// characters: no byte of a multi-byte UTF-8 sequence is a quote, a backslash or a digit. The
        /// scan goes on from one piece of the body to the next as if they were one.
        /// </summary>
        internal static void Check(TolokaBody body)
        {
#if NET8_0_OR_GREATER
            if (!MayHaveLongRun(body))
            {
                return;
            }
#endif
            var state = default(Scan);
            for (var piece = 0; piece < body.Pieces; piece++)
            {
                var bytes = body.Piece(piece);
                var array = bytes.Array!;
                for (var i = bytes.Offset; i < bytes.Offset + bytes.Count; i++)
                {
                    if (state.Refuses(array[i]))
                    {
                        throw TooLong();
                    }
                }
            }
        }

        /// <summary>See <see cref="Check(TolokaBody)"/>: the same, on text that is already decoded.</summary>
        internal static void Check(string text)
        {
            var state = default(Scan);
            foreach (var character in text)
            {
                if (state.Refuses(character))
                {
                    throw TooLong();
                }
            }
        }

        private static JsonReaderException TooLong() => new JsonReaderException("A number in the answer has more than " + MaxNumberDigits + " digits.");

        /// <summary>Where the scan is: inside a string (just after a backslash, perhaps), or how long the run of digits outside one is.</summary>
        private struct Scan
        {
            private bool _inString;
            private bool _escaped;
            private int _run;

            /// <summary>One step of the scan: true when <paramref name="character"/> makes a run of digits, outside strings, too long.</summary>
            internal bool Refuses(int character)
            {
                if (_inString)
                {
                    if (_escaped)
                    {
                        _escaped = false;
                    }
                    else if (character == '\\')
                    {
                        _escaped = true;
                    }
                    else if (character == '"')
                    {
                        _inString = false;
                    }

                    return false;
                }

                if (character == '"')
                {
                    _inString = true;
                    _run = 0;
                    return false;
                }

                _run = character >= '0' && character <= '9' ? _run + 1 : 0;
                return _run > MaxNumberDigits;
            }
        }
    }
}
