using System;
using System.IO;
using System.Text;

namespace Toloka.Generated
{
    /// <summary>
    /// Decodes a body's UTF-8 bytes, piece by piece (<see cref="TolokaBody"/>), into the JSON reader's
    /// own buffer as it asks for more, so a large answer is parsed without a decoded copy of the whole
    /// body (a string or a character array of twice its size) and without joining its pieces. A
    /// character split between two pieces is carried by the decoder. Invalid sequences become U+FFFD,
    /// as everywhere else in the client.
    /// </summary>
    internal sealed class TolokaUtf8Reader : TextReader
    {
        private readonly TolokaBody _body;
        private readonly Decoder _decoder = TolokaAnswerJson.Utf8.GetDecoder();
        private readonly char[] _one = new char[2];
        private byte[] _bytes = Array.Empty<byte>();
        private readonly int _lastPiece;
        private int _piece = -1;
        private int _position;
        private int _end;
        private int _oneStart;
        private int _oneEnd;

        internal TolokaUtf8Reader(TolokaBody body)
        {
            _body = body;

            // The last piece with bytes in it, where the decoder flushes: a body that filled its pieces exactly ends with an empty one.
            _lastPiece = body.Pieces - 1;
            while (_lastPiece > 0 && body.Piece(_lastPiece).Count == 0)
            {
                _lastPiece--;
            }

            NextPiece();
        }

        private bool LastPiece => _piece >= _lastPiece;

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

            if (count < 2)
            {
                // Too small a room for a surrogate pair: decode into the side buffer.
                return count > 0 && FillOne() ? Read(buffer, index, count) : 0;
            }

            while (true)
            {
                if (_position >= _end && !NextPiece())
                {
                    return 0;
                }

                // Convert never writes past count; a piece that ends inside a character writes nothing
                // for it until the next piece completes it, so zero written is not the end unless this was the last.
                _decoder.Convert(_bytes, _position, _end - _position, buffer, index, count, flush: LastPiece, out var used, out var written, out _);
                _position += used;
                if (written > 0)
                {
                    return written;
                }
            }
        }

        public override int Peek() => _oneStart < _oneEnd || FillOne() ? _one[_oneStart] : -1;

        public override int Read() => _oneStart < _oneEnd || FillOne() ? _one[_oneStart++] : -1;

        private bool FillOne()
        {
            _oneStart = 0;
            _oneEnd = 0;
            while (_oneEnd == 0 && (_position < _end || NextPiece()))
            {
                // One byte at a time until a whole character (or a pair) comes out.
                _decoder.Convert(_bytes, _position, 1, _one, 0, _one.Length, flush: LastPiece && _position + 1 == _end, out var used, out var written, out _);
                _position += used;
                _oneEnd = written;
            }

            return _oneEnd > 0;
        }

        /// <summary>Moves to the next piece with bytes in it; false when there is none.</summary>
        private bool NextPiece()
        {
            while (_piece + 1 < _body.Pieces)
            {
                var piece = _body.Piece(++_piece);
                (_bytes, _position, _end) = (piece.Array!, piece.Offset, piece.Offset + piece.Count);
                if (_position < _end)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
