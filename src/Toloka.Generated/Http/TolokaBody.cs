using System;
using System.Collections.Generic;

namespace Toloka.Generated
{
    /// <summary>
    /// An answer's body as the pipeline read it: pooled pieces of at most <see cref="PieceBytes"/>,
    /// every one but the last full, never copied into one array. The JSON reader decodes straight
    /// from them (<see cref="TolokaUtf8Reader"/>), so a large answer costs its model and not its bytes
    /// once more. Whoever holds the body disposes it once it is parsed (<see cref="TolokaAnswer"/>
    /// when the generated code is done with the answer, the failure path once it has the text),
    /// which gives the pieces back to the pool; a disposed body reads as empty.
    /// </summary>
    internal sealed class TolokaBody : IDisposable
    {
        /// <summary>The largest piece, and the largest array the shared pool keeps in its default configuration.</summary>
        internal const int PieceBytes = 1024 * 1024;

        internal static readonly TolokaBody Empty = new TolokaBody(Array.Empty<byte>(), 0, rented: false);

        private List<byte[]>? _full;
        private byte[] _last;
        private int _lastLength;
        private int _before;
        private int _start;
        private bool _rented;

        private TolokaBody(byte[] last, int lastLength, bool rented)
        {
            _last = last;
            _lastLength = lastLength;
            _rented = rented;
        }

        /// <summary>How many bytes there are, after any UTF-8 byte order mark.</summary>
        internal int Count => Read - _start;

        /// <summary>How many bytes were read, a byte order mark included.</summary>
        internal int Read => _before + _lastLength;

        /// <summary>How many pieces <see cref="Piece"/> reads (one for a body under <see cref="PieceBytes"/>).</summary>
        internal int Pieces => (_full?.Count ?? 0) + 1;

        /// <summary>The bytes in one array when they are in one piece (nearly every answer); null when there are more.</summary>
        internal ArraySegment<byte>? Single => _full is null ? new ArraySegment<byte>(_last, _start, _lastLength - _start) : (ArraySegment<byte>?)null;

        /// <summary>An empty body to be read into, starting with a pooled piece of about <paramref name="firstPiece"/> bytes.</summary>
        internal static TolokaBody Rent(int firstPiece) => new TolokaBody(RentArray(Math.Min(firstPiece, PieceBytes)), 0, rented: true);

        /// <summary>Bytes that are not the pool's (a recovered answer's JSON); disposing them does nothing.</summary>
        internal static TolokaBody Of(byte[] bytes) => new TolokaBody(bytes, bytes.Length, rented: false);

        /// <summary>Piece <paramref name="index"/>, after any byte order mark.</summary>
        internal ArraySegment<byte> Piece(int index)
        {
            var full = _full?.Count ?? 0;
            var array = index < full ? _full![index] : _last;
            var count = index < full ? array.Length : _lastLength;
            var offset = index == 0 ? _start : 0;
            return new ArraySegment<byte>(array, offset, count - offset);
        }

        /// <summary>Where the next bytes read go: room in the last piece, made when it is full.</summary>
        internal ArraySegment<byte> Room()
        {
            if (_lastLength == _last.Length)
            {
                MakeRoom();
            }

            return new ArraySegment<byte>(_last, _lastLength, _last.Length - _lastLength);
        }

        /// <summary>Counts <paramref name="read"/> bytes written into <see cref="Room"/>.</summary>
        internal void Advance(int read) => _lastLength += read;

        /// <summary>Ends the read: a UTF-8 byte order mark at the start is skipped from now on.</summary>
        internal TolokaBody Complete()
        {
            var first = _full is null ? _last : _full[0];
            var length = _full is null ? _lastLength : first.Length;
            _start = length >= 3 && first[0] == 0xEF && first[1] == 0xBB && first[2] == 0xBF ? 3 : 0;
            return this;
        }

        /// <summary>The bytes in one new array: for the rare reader that needs them so (a failure's text).</summary>
        internal byte[] ToArray()
        {
            var bytes = new byte[Count];
            var at = 0;
            for (var i = 0; i < Pieces; i++)
            {
                var piece = Piece(i);
                Buffer.BlockCopy(piece.Array!, piece.Offset, bytes, at, piece.Count);
                at += piece.Count;
            }

            return bytes;
        }

        /// <summary>The body as UTF-8 text (invalid sequences as U+FFFD, no byte order mark), the token masked.</summary>
        internal string Decode(TolokaToken token)
        {
            if (Count == 0)
            {
                return string.Empty;
            }

            var bytes = Single ?? new ArraySegment<byte>(ToArray());
            return token.Redact(TolokaAnswerJson.Utf8.GetString(bytes.Array!, bytes.Offset, bytes.Count));
        }

        /// <summary>
        /// False only when the bytes hold neither the token's UTF-8 nor a backslash: JSON can spell a
        /// character only as itself or as an escape, so such bytes decode to no string that holds it.
        /// </summary>
        internal bool MayHoldToken(byte[] tokenUtf8)
        {
#if NET8_0_OR_GREATER
            for (var i = 0; i < Pieces; i++)
            {
                var piece = Piece(i).AsSpan();
                if (piece.IndexOf((byte)'\\') >= 0 || piece.IndexOf(tokenUtf8) >= 0 || (i > 0 && AcrossPieces(i, tokenUtf8)))
                {
                    return true;
                }
            }

            return false;
#else
            // Without a vectorised search, looking costs more than masking.
            _ = tokenUtf8;
            return Pieces > 0;
#endif
        }

        /// <summary>Gives the pieces back to the pool, once; the body then reads as empty.</summary>
        public void Dispose()
        {
            if (!_rented)
            {
                return;
            }

            _rented = false;
            if (_full is not null)
            {
                foreach (var piece in _full)
                {
                    ReturnArray(piece);
                }
            }

            ReturnArray(_last);
            (_full, _last, _lastLength, _before, _start) = (null, Array.Empty<byte>(), 0, 0, 0);
        }

#if NET8_0_OR_GREATER
        /// <summary>Whether the token straddles the start of piece <paramref name="index"/>.</summary>
        private bool AcrossPieces(int index, byte[] tokenUtf8)
        {
            var reach = tokenUtf8.Length - 1;
            var before = Piece(index - 1);
            var after = Piece(index);
            Span<byte> seam = stackalloc byte[reach * 2];
            var tail = Math.Min(reach, before.Count);
            var head = Math.Min(reach, after.Count);
            before.AsSpan(before.Count - tail).CopyTo(seam);
            after.AsSpan(0, head).CopyTo(seam.Slice(tail));
            return reach > 0 && seam.Slice(0, tail + head).IndexOf(tokenUtf8) >= 0;
        }
#endif

        /// <summary>
        /// A full last piece: while it is the first and under <see cref="PieceBytes"/>, a pooled one twice
        /// its size takes its bytes; after that it is kept and a new piece of <see cref="PieceBytes"/> starts.
        /// </summary>
        private void MakeRoom()
        {
            if (_last.Length < PieceBytes)
            {
                var larger = RentArray(Math.Min(Math.Max(_last.Length * 2, 4096), PieceBytes));
                Buffer.BlockCopy(_last, 0, larger, 0, _lastLength);
                ReturnArray(_last);
                _last = larger;
                return;
            }

            (_full ??= new List<byte[]>()).Add(_last);
            _before += _last.Length;
            _last = RentArray(PieceBytes);
            _lastLength = 0;
        }

        private static byte[] RentArray(int length)
        {
#if NET5_0_OR_GREATER
            return System.Buffers.ArrayPool<byte>.Shared.Rent(length);
#else
            return new byte[length];
#endif
        }

        private static void ReturnArray(byte[] array)
        {
#if NET5_0_OR_GREATER
            System.Buffers.ArrayPool<byte>.Shared.Return(array);
#else
            _ = array;
#endif
        }
    }
}
