#if NET8_0_OR_GREATER
using System;
using System.Buffers;
using System.Globalization;
using System.Threading;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>Strings, and the caches of short ones, of <see cref="TolokaJsonReader"/>.</summary>
    internal sealed partial class TolokaJsonReader
    {
        private const int CachedLength = 24;

        // Short strings seen lately (property names, enum texts, small ids), shared by every reader of the
        // process and never holding the token: a slot is replaced whole (a reference write), and read only
        // after its characters are compared, so readers on other threads can only miss, never mix texts.
        private static readonly string?[] Names = new string?[256];
        private static readonly string?[] ShortValues = new string?[1024];

        private char[]? _scratch;
        private int _scratchLength;
        private bool _pending;
        private bool _escaped;
        private int _valueStart;
        private int _valueLength;
        private string? _materialized;

        public override object? Value => _pending ? _materialized ??= Text(ShortValues) : base.Value;

        public override Type? ValueType => _pending ? typeof(string) : base.ValueType;

        /// <summary>
        /// The current string value's characters, valid until the next read, without making a string of
        /// them; false when it is not a string or the token may be in it (it is then masked in <see cref="Value"/>).
        /// </summary>
        internal bool TryGetChars(out ReadOnlySpan<char> chars)
        {
            chars = !_pending ? default : _escaped ? _scratch.AsSpan(0, _scratchLength) : _chars.AsSpan(_valueStart, _valueLength);
            return _pending && (_mask is null || !chars.Contains(_mask, StringComparison.Ordinal));
        }

        private void ReadStringValue()
        {
            ReadString();
            _pending = true;
            _materialized = null;
            SetToken(JsonToken.String, null);
        }

        private string ReadName()
        {
            ReadString();
            return Text(Names);
        }

        /// <summary>The current string's text, the token masked, from <paramref name="cache"/> when short.</summary>
        private string Text(string?[] cache)
        {
            var chars = _escaped ? _scratch.AsSpan(0, _scratchLength) : _chars.AsSpan(_valueStart, _valueLength);
            if (chars.Length > CachedLength)
            {
                return Masked(new string(chars));
            }

            // Two places a text may sit, from independent bits of its hash: two texts that recur in
            // every item of a list and share one place (string hashes differ from process to process)
            // would otherwise push each other out on every item.
            var hash = (uint)string.GetHashCode(chars);
            var first = (int)(hash % (uint)cache.Length);
            var second = (int)((hash >> 16) % (uint)cache.Length);
            var cached = Cached(cache, first, chars) ?? Cached(cache, second, chars);
            if (cached is not null)
            {
                return cached;
            }

            var text = new string(chars);
            if (_mask is not null && text.Contains(_mask, StringComparison.Ordinal))
            {
                return Masked(text);
            }

            Volatile.Write(ref cache[Volatile.Read(ref cache[first]) is null ? first : second], text);
            return text;
        }

        private static string? Cached(string?[] cache, int slot, ReadOnlySpan<char> chars) =>
            Volatile.Read(ref cache[slot]) is { } cached && chars.SequenceEqual(cached.AsSpan()) ? cached : null;

        private string Masked(string text) => _token is null ? text : _token.Redact(text);

        /// <summary>
        /// Reads a string from its opening quote: its characters stay in the buffer when it has no
        /// escape, else they are decoded into a scratch buffer.
        /// </summary>
        private void ReadString()
        {
            var offset = 1;
            while (true)
            {
                if (_pos + offset >= _end && !Fill())
                {
                    throw Error("Unterminated string. Expected delimiter: \".");
                }

                var c = _chars[_pos + offset];
                if (c == '"' || c == '\\')
                {
                    break;
                }

                offset++;
            }

            _escaped = _chars[_pos + offset] == '\\';
            if (!_escaped)
            {
                (_valueStart, _valueLength) = (_pos + 1, offset - 1);
                _pos += offset + 1;
                return;
            }

            _scratchLength = 0;
            Append(_chars.AsSpan(_pos + 1, offset - 1));
            _pos += offset;
            ReadEscapedRest();
        }

        /// <summary>The rest of a string from its first backslash, decoded into the scratch buffer.</summary>
        private void ReadEscapedRest()
        {
            while (true)
            {
                if (!Ensure(1))
                {
                    throw Error("Unterminated string. Expected delimiter: \".");
                }

                var c = _chars[_pos++];
                if (c == '"')
                {
                    return;
                }

                if (c != '\\')
                {
                    Append(c);
                    continue;
                }

                if (!Ensure(1))
                {
                    throw Error("Unterminated string. Expected delimiter: \".");
                }

                Append(Unescape(_chars[_pos++]));
            }
        }

        private char Unescape(char c)
        {
            switch (c)
            {
                case '"':
                case '\\':
                case '/':
                    return c;
                case 'b':
                    return '\b';
                case 'f':
                    return '\f';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                case 'u':
                    if (Ensure(4) && ushort.TryParse(_chars.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
                    {
                        _pos += 4;
                        return (char)unit;
                    }

                    throw Error("Invalid Unicode escape sequence.");
                default:
                    throw Error("Bad JSON escape sequence: \\" + c + ".");
            }
        }

        private void Append(char c)
        {
            if (_scratch is null || _scratchLength == _scratch.Length)
            {
                GrowScratch(1);
            }

            _scratch![_scratchLength++] = c;
        }

        private void Append(ReadOnlySpan<char> chars)
        {
            if (_scratch is null || _scratch.Length - _scratchLength < chars.Length)
            {
                GrowScratch(chars.Length);
            }

            chars.CopyTo(_scratch.AsSpan(_scratchLength));
            _scratchLength += chars.Length;
        }

        private void GrowScratch(int more)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(256, Math.Max(_scratchLength + more, (_scratch?.Length ?? 0) * 2)));
            _scratch?.AsSpan(0, _scratchLength).CopyTo(larger);
            ReturnScratch();
            _scratch = larger;
        }

        private void ReturnScratch()
        {
            if (_scratch is not null)
            {
                ArrayPool<char>.Shared.Return(_scratch);
                _scratch = null;
            }
        }
    }
}
#endif
