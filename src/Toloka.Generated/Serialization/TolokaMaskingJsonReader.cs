#if !NET8_0_OR_GREATER
using System.IO;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// A JSON reader that masks the token in every string value and property name as it is decoded,
    /// so a JSON-escaped echo is caught too, while the serializer binds the model from the stream of
    /// tokens: no tree of the whole answer is built just to mask it. On net8.0 TolokaJsonReader does this.
    /// </summary>
    internal sealed class TolokaMaskingJsonReader : JsonTextReader
    {
        private readonly TolokaToken _token;

        internal TolokaMaskingJsonReader(TextReader reader, TolokaToken token)
            : base(reader)
        {
            _token = token;
        }

        public override bool Read()
        {
            if (!base.Read())
            {
                return false;
            }

            Mask();
            return true;
        }

        public override string? ReadAsString()
        {
            var text = base.ReadAsString();
            if (text is null)
            {
                return null;
            }

            Mask();
            return (string?)Value;
        }

        private void Mask()
        {
            if ((TokenType == JsonToken.String || TokenType == JsonToken.PropertyName) && Value is string text)
            {
                var masked = _token.Redact(text);
                if (!ReferenceEquals(masked, text))
                {
                    SetToken(TokenType, masked, updateIndex: false);
                }
            }
        }
    }
}
#endif
