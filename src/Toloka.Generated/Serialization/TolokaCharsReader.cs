using System;
using System.IO;

#if NET8_0_OR_GREATER
namespace Toloka.Generated
{
    /// <summary>
    /// Reads decoded answer text straight from a rented buffer, so a body is bound without building a
    /// string of it first (<see cref="StringReader"/> would need one).
    /// </summary>
    internal sealed class TolokaCharsReader : TextReader
    {
        private readonly char[] _chars;
        private readonly int _length;
        private int _position;

        internal TolokaCharsReader(char[] chars, int length)
        {
            _chars = chars;
            _length = length;
        }

        public override int Peek() => _position < _length ? _chars[_position] : -1;

        public override int Read() => _position < _length ? _chars[_position++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            var copied = Math.Min(count, _length - _position);
            if (copied <= 0)
            {
                return 0;
            }

            Array.Copy(_chars, _position, buffer, index, copied);
            _position += copied;
            return copied;
        }
    }
}
#endif
