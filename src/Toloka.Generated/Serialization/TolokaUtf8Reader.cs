using System;
using System.IO;
using System.Text;

namespace Toloka.Generated
{
    /// <summary>
    /// Decodes a body's UTF-8 bytes into the JSON reader's own buffer as it asks for more, so a large
    /// answer is parsed without a decoded copy of the whole body (a string or a character array of
    /// twice its size). Invalid sequences become U+FFFD, as everywhere else in the client.
    /// </summary>
    internal sealed class TolokaUtf8Reader : TextReader
    {
        private readonly byte[] _bytes;
        private readonly int _end;
        private readonly Decoder _decoder = TolokaAnswerJson.Utf8.GetDecoder();
        private readonly char[] _one = new char[2];
        private int _position;
        private int _oneStart;
        private int _oneEnd;

        internal TolokaUtf8Reader(ArraySegment<byte> bytes)
        {
            _bytes = bytes.Array ?? Array.Empty<byte>();
            _position = bytes.Offset;
            _end = bytes.Offset + bytes.Count;
        }

        public override int Read(char[] buffer, int index, int count)
        {
            if (_oneStart < _oneEnd)
            {
                // A character a Peek or Read() decoded first.
                var pending = Math.Min(count, _oneEnd - _oneStart);
                Array.Copy(_one, _oneStart, buffer, index, pending);
                _oneStart += pending;
                return pending;
            }

            if (count < 2 && _position < _end)
            {
                // Too small a room for a surrogate pair: decode into the side buffer.
                return FillOne() ? Read(buffer, index, count) : 0;
            }

            if (_position >= _end || count == 0)
            {
                return 0;
            }

            // At most count - 1 bytes per call can need more than count chars only through U+FFFD for
            // a lone byte; Convert never writes past count.
            _decoder.Convert(_bytes, _position, _end - _position, buffer, index, count, flush: true, out var used, out var written, out _);
            _position += used;
            return written;
        }

        public override int Peek() => _oneStart < _oneEnd || FillOne() ? _one[_oneStart] : -1;

        public override int Read() => _oneStart < _oneEnd || FillOne() ? _one[_oneStart++] : -1;

        private bool FillOne()
        {
            _oneStart = 0;
            _oneEnd = 0;
            while (_position < _end && _oneEnd == 0)
            {
                // One byte at a time until a whole character (or a pair) comes out.
                _decoder.Convert(_bytes, _position, 1, _one, 0, _one.Length, flush: _position + 1 == _end, out var used, out var written, out _);
                _position += used;
                _oneEnd = written;
            }

            return _oneEnd > 0;
        }
    }
}
