using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    internal sealed partial class TolokaHttpPipeline
    {
        /// <summary>
        /// The stage after an attempt of a call that is not safe to repeat lost its answer (the request may
        /// have reached Toloka, and no answer came back): asks Toloka which operation the request started
        /// (<see cref="TolokaLostAnswers"/>) and returns it as the attempt's answer, with the status the spec
        /// declares for the operation. Null when Toloka started none, so the request may be sent again.
        /// </summary>
        /// <exception cref="TolokaOutcomeUnknownException">Looking for the operation failed; the lost answer's failure is its cause.</exception>
        private async Task<TolokaAnswer?> ResolveLostAnswerAsync(
            TolokaRequestDescription description,
            string sourceId,
            int attempt,
            TolokaCallTelemetry? call,
            long attemptStartedAt,
            CancellationToken cancellationToken)
        {
            var time = _options.TimeProvider;

            // When the attempt began (after its pacing wait); the resolver searches from a clock-skew margin before it.
            var sentAt = time.GetUtcNow() - TolokaElapsed.Since(time, attemptStartedAt);
            (byte[] Json, Operation Operation, int Lookups)? found;
            try
            {
                found = await LostAnswers!.FindAsync(description, sourceId, sentAt, cancellationToken).ConfigureAwait(false);
            }
            catch (TolokaOutcomeUnknownException unknown)
            {
                call?.LostAnswerUnresolved(attempt, unknown);
                throw;
            }

            call?.LostAnswerResolved(attempt, found?.Operation.Id, found?.Lookups ?? 0);
            if (found is not { } recovered)
            {
                return null;
            }

            var response = new HttpResponseMessage((HttpStatusCode)description.AnswerStatus);
            return TolokaAnswer.Recovered(response, description, attempt, recovered.Json, _token);
        }
    }
}
