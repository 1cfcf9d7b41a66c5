using System;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// A body over 1 MiB is kept in pooled pieces of 1 MiB and bound from them without being joined:
    /// what falls on the seam between two pieces (a character, the token, a run of digits) reads as
    /// it would in one array.
    /// </summary>
    public class AnswerPiecesTests
    {
        private const int Seam = 1024 * 1024;

        [TestCase(true, TestName = "A character split between two pieces of a body with a Content-Length decodes whole")]
        [TestCase(false, TestName = "A character split between two pieces of a chunked body decodes whole")]
        public async Task A_character_split_between_two_pieces_decodes_whole(bool declaredLength)
        {
            // "é" is two bytes in UTF-8: the first ends the first piece, the second starts the next.
            var body = PoolWithNameAcrossTheSeam("é and more", 1);
            var pool = await GetPoolAsync(body, declaredLength);

            Assert.That(pool.PrivateName, Does.EndWith("aé and more"));
            Assert.That(pool.PrivateName, Does.Not.Contain("\uFFFD"));
        }

        [TestCase(true, TestName = "The token split between two pieces of a body with a Content-Length is masked")]
        [TestCase(false, TestName = "The token split between two pieces of a chunked body is masked")]
        public async Task The_token_split_between_two_pieces_is_masked(bool declaredLength)
        {
            var body = PoolWithNameAcrossTheSeam(Samples.Token, Samples.Token.Length / 2);
            var pool = await GetPoolAsync(body, declaredLength);

            Assert.That(pool.PrivateName, Does.Not.Contain(Samples.Token));
            Assert.That(pool.PrivateName, Does.EndWith("a***"));
        }

        [Test]
        public void A_run_of_too_many_digits_across_two_pieces_is_refused()
        {
            // 300 digits end the first piece and 300 more start the next: 600 in all, past the 400 allowed.
            var prefix = "{\"id\":\"1\",\"status\":\"OPEN\",\"private_name\":\"";
            var text = new StringBuilder(prefix).Append('a', Seam - 300 - prefix.Length - 2).Append("\",").ToString();
            var body = Encoding.UTF8.GetBytes(text + new string('7', 300).Insert(0, "\"x\":") + new string('7', 300) + "}");
            Assert.That(Encoding.UTF8.GetByteCount(text + "\"x\":"), Is.EqualTo(Seam - 296));

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => GetPoolAsync(body, declaredLength: false));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
        }

        private static async Task<Pool> GetPoolAsync(byte[] body, bool declaredLength)
        {
            using var handler = new OneAnswer(body, declaredLength);
            using var client = new TolokaClient(handler, Samples.Token, new TolokaClientOptions { Retry = { MaxAttempts = 1 } });
            return await client.GetPoolAsync("1");
        }

        /// <summary>A pool whose name ends with <paramref name="tail"/>, the first <paramref name="bytesBeforeSeam"/> of its UTF-8 bytes before the seam.</summary>
        private static byte[] PoolWithNameAcrossTheSeam(string tail, int bytesBeforeSeam)
        {
            var prefix = "{\"id\":\"1\",\"status\":\"OPEN\",\"private_name\":\"";
            var padding = Seam - bytesBeforeSeam - prefix.Length;
            var text = new StringBuilder(prefix).Append('a', padding).Append(tail).Append("\"}").ToString();
            return Encoding.UTF8.GetBytes(text);
        }
    }
}
