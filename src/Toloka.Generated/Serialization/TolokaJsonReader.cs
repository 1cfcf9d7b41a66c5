#if NET8_0_OR_GREATER
using System;
using System.Buffers;
using System.IO;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// The JSON reader Newtonsoft.Json's serializer binds an answer from: the same tokens, values and
    /// limits as <see cref="JsonTextReader"/> for the JSON Toloka sends, but a string value becomes a
    /// string only when something asks for it. <see cref="JsonTextReader"/> makes a string of every
    /// value before any converter sees it, so each timestamp and enum of a list cost a string thrown
    /// away at once (about 300 of the 1,000 bytes an operation of a list costs to bind); here
    /// <see cref="TolokaTimestampConverter"/> and <see cref="TolokaEnumConverter{T}"/> read their
    /// characters where they lie (<see cref="TryGetChars"/>). Property names and short repeated values
    /// come from small caches. The token is masked in every string and property name as decoded, when
    /// the body could hold it. Stricter than <see cref="JsonTextReader"/> where Toloka never goes:
    /// no comments, no unquoted names or single quotes, no NaN, octal, hex or constructors, no leading
    /// zeros (each refused as an invalid answer); an escaped lone surrogate is kept as it is rather
    /// than replaced by U+FFFD. TolokaJsonReaderTests reads a set of answers through both readers.
    /// </summary>
    internal sealed partial class TolokaJsonReader : JsonReader
    {
        private readonly TextReader _text;
        private readonly string? _mask;
        private readonly TolokaToken? _token;
        private char[] _chars = ArrayPool<char>.Shared.Rent(4096);
        private int _pos;
        private int _end;
        private bool _endOfText;

        internal TolokaJsonReader(TextReader text, TolokaToken? token)
        {
            _text = text;
            _token = token;
            _mask = token?.Secret;
        }

        public override bool Read()
        {
            _pending = false;
            while (SkipWhitespace())
            {
                var c = _chars[_pos];
                switch (CurrentState)
                {
                    case State.Start:
                    case State.Property:
                    case State.ArrayStart:
                    case State.Array:
                        if (c == ']' && (CurrentState == State.ArrayStart || CurrentState == State.Array))
                        {
                            return End(JsonToken.EndArray);
                        }

                        ReadValue(c);
                        return true;
                    case State.ObjectStart:
                    case State.Object:
                        if (c == '}')
                        {
                            return End(JsonToken.EndObject);
                        }

                        ReadPropertyName(c);
                        return true;
                    case State.PostValue:
                        if (c == ',')
                        {
                            _pos++;
                            SetStateBasedOnCurrent();
                            continue;
                        }

                        if (c == '}' || c == ']')
                        {
                            return End(c == '}' ? JsonToken.EndObject : JsonToken.EndArray);
                        }

                        throw Error("After parsing a value an unexpected character was encountered: " + c + ".");
                    default:
                        throw Error("Additional text encountered after finished reading JSON content: " + c + ".");
                }
            }

            if (CurrentState != State.Start && CurrentState != State.Finished)
            {
                throw Error("Unexpected end of the answer.");
            }

            SetToken(JsonToken.None);
            return false;
        }

        public override void Close()
        {
            base.Close();
            var chars = _chars;
            _chars = Array.Empty<char>();
            (_pos, _end) = (0, 0);
            if (chars.Length > 0)
            {
                ArrayPool<char>.Shared.Return(chars);
            }

            ReturnScratch();
        }

        private bool End(JsonToken token)
        {
            _pos++;
            SetToken(token);
            return true;
        }

        private void ReadValue(char c)
        {
            switch (c)
            {
                case '"':
                    ReadStringValue();
                    return;
                case '{':
                    _pos++;
                    SetToken(JsonToken.StartObject);
                    return;
                case '[':
                    _pos++;
                    SetToken(JsonToken.StartArray);
                    return;
                case 't':
                    ReadLiteral("true", JsonToken.Boolean, BoxedTrue);
                    return;
                case 'f':
                    ReadLiteral("false", JsonToken.Boolean, BoxedFalse);
                    return;
                case 'n':
                    ReadLiteral("null", JsonToken.Null, null);
                    return;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        ReadNumber();
                        return;
                    }

                    throw Error("Unexpected character encountered while parsing value: " + c + ".");
            }
        }

        private void ReadPropertyName(char c)
        {
            if (c != '"')
            {
                throw Error("Invalid property identifier character: " + c + ".");
            }

            var name = ReadName();
            if (!SkipWhitespace() || _chars[_pos] != ':')
            {
                throw Error("Invalid character after parsing property name. Expected ':'.");
            }

            _pos++;
            SetToken(JsonToken.PropertyName, name);
        }

        private void ReadLiteral(string literal, JsonToken token, object? value)
        {
            if (!Ensure(literal.Length) || !_chars.AsSpan(_pos, literal.Length).SequenceEqual(literal))
            {
                throw Error("Unexpected character encountered while parsing value: " + _chars[_pos] + ".");
            }

            _pos += literal.Length;
            SetToken(token, value);
        }

        /// <summary>Skips whitespace; false at the end of the text.</summary>
        private bool SkipWhitespace()
        {
            while (true)
            {
                while (_pos < _end)
                {
                    var c = _chars[_pos];
                    if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                    {
                        return true;
                    }

                    _pos++;
                }

                if (!Fill())
                {
                    return false;
                }
            }
        }

        /// <summary>At least <paramref name="count"/> characters from the current one in the buffer; false when the text ends first.</summary>
        private bool Ensure(int count)
        {
            while (_end - _pos < count)
            {
                if (!Fill())
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// More characters: what is left moves to the start of the buffer (a buffer full of one token
        /// doubles, from the pool), then the text fills the rest. False when the text has ended.
        /// </summary>
        private bool Fill()
        {
            if (_endOfText)
            {
                return false;
            }

            if (_pos > 0)
            {
                Array.Copy(_chars, _pos, _chars, 0, _end - _pos);
                (_end, _pos) = (_end - _pos, 0);
            }
            else if (_end == _chars.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(_chars.Length * 2);
                Array.Copy(_chars, larger, _end);
                ArrayPool<char>.Shared.Return(_chars);
                _chars = larger;
            }

            var read = _text.Read(_chars, _end, _chars.Length - _end);
            _endOfText = read <= 0;
            _end += Math.Max(read, 0);
            return read > 0;
        }

        private JsonReaderException Error(string message) => new JsonReaderException(message + " Path '" + Path + "'.");
    }
}
#endif
