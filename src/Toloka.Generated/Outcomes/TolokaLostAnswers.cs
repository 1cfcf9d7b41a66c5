using System;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// The pipeline's way to learn what a call whose answer was lost started, for every operation the spec
    /// marks with <c>x-toloka-lost-answer-operation</c> and <c>x-toloka-lost-answer-parameter</c> (pool and
    /// training clone): it asks <see cref="TolokaOutcomeResolver"/> (through the client that owns the
    /// pipeline, with <see cref="TolokaClientOptions.LostAnswers"/>) and hands back the operation found as
    /// the JSON the answer would have held. One per client; it holds no state of its own between calls.
    /// </summary>
    internal sealed class TolokaLostAnswers
    {
        private readonly TolokaOutcomeResolver _resolver;
        private readonly JsonSerializerSettings _settings;

        internal TolokaLostAnswers(ITolokaClient client, TolokaClientOptions options, JsonSerializerSettings settings)
        {
            _resolver = new TolokaOutcomeResolver(client, options.LostAnswers, options.TimeProvider);
            _settings = settings;
        }

        /// <summary>
        /// The operation the lost call started, as the UTF-8 JSON of its answer; null when Toloka lists none
        /// within the settle time (Toloka did not act).
        /// </summary>
        /// <exception cref="TolokaOutcomeUnknownException">Looking for it failed: whether it exists is unknown.</exception>
        internal async Task<(byte[] Json, Operation Operation, int Lookups)?> FindAsync(
            TolokaRequestDescription description,
            string sourceId,
            DateTimeOffset sentAt,
            CancellationToken cancellationToken)
        {
            var type = new OperationType(description.LostAnswerOperation!);
            var request = new TolokaLostRequest(type, description.LostAnswerParameter!, sourceId, sentAt);
            var outcome = await _resolver.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
            if (outcome.Operation is not { } found)
            {
                return null;
            }

            return (TolokaAnswerJson.Utf8.GetBytes(JsonConvert.SerializeObject(found, _settings)), found, outcome.Lookups);
        }
    }
}
