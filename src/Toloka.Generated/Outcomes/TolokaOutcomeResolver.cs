using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// Finds out what became of a request that is not safe to repeat (a clone) whose answer never came:
    /// Toloka takes no idempotency key for it, but lists every operation it started in
    /// <c>GET /operations</c> with its type, submission time and parameters. The resolver searches
    /// operations of the request's type submitted since shortly before it went out
    /// (<see cref="TolokaOutcomeOptions.ClockSkewMargin"/>), for the one whose parameter names the source, and
    /// waits out Toloka's listing delay for up to <see cref="TolokaOutcomeOptions.SettleTime"/>.
    /// </summary>
    /// <remarks>
    /// Limits: the match is by type, source and time only. When two requests for the same source (two
    /// processes cloning the same pool, or an earlier clone within the clock-skew margin) fall in the window,
    /// the operation submitted first at or after the request's send time is taken, else the latest before it;
    /// it may be the other one's. An operation Toloka lists later than the settle time is taken for
    /// "not started", so a caller that then repeats the request may clone twice: set the settle time above
    /// the longest listing delay you expect.
    /// </remarks>
    public sealed class TolokaOutcomeResolver
    {
        private const int PageSize = 300;

        private readonly ITolokaClient _client;
        private readonly TolokaOutcomeOptions _options;
        private readonly TimeProvider _time;

        /// <summary>Creates a resolver that searches with <paramref name="client"/>.</summary>
        /// <param name="client">The client whose <see cref="ITolokaClient.FindOperationsAsync"/> is searched.</param>
        /// <param name="options">Settle time, poll interval and clock-skew margin; the defaults when null. Copied.</param>
        /// <param name="timeProvider">The clock the settle time runs on; <see cref="TimeProvider.System"/> when null.</param>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
        public TolokaOutcomeResolver(ITolokaClient client, TolokaOutcomeOptions? options = null, TimeProvider? timeProvider = null)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _options = (options ?? new TolokaOutcomeOptions()).Validated();
            _time = timeProvider ?? TimeProvider.System;
        }

        /// <summary>
        /// Searches for the operation <paramref name="request"/> would have started: returns it when listed,
        /// searching again every <see cref="TolokaOutcomeOptions.PollInterval"/> until
        /// <see cref="TolokaOutcomeOptions.SettleTime"/> has passed; then returns an outcome that is not
        /// <see cref="TolokaOutcome.Started"/> (Toloka did not act; the request may be sent again, once).
        /// </summary>
        /// <param name="request">The lost request.</param>
        /// <param name="cancellationToken">Cancels the search.</param>
        /// <returns>The operation found, or that none was.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
        /// <exception cref="TolokaOutcomeUnknownException">A search failed (after the client's own retries): whether the operation exists is unknown.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        public async Task<TolokaOutcome> ResolveAsync(TolokaLostRequest request, CancellationToken cancellationToken = default)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            // The answer was lost by now, so Toloka lists the operation, if any, by now plus its listing delay.
            var deadline = _time.GetUtcNow() + _options.SettleTime;
            for (var lookups = 1; ; lookups++)
            {
                Operation? found;
                try
                {
                    found = await SearchAsync(request, lookups, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (TolokaException e) when (e is not TolokaOutcomeUnknownException)
                {
                    throw new TolokaOutcomeUnknownException(request, lookups, e.Message, e);
                }

                if (found is not null)
                {
                    return new TolokaOutcome(request, found, lookups);
                }

                var left = deadline - _time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return new TolokaOutcome(request, null, lookups);
                }

                await TolokaClock.Delay(_time, left < _options.PollInterval ? left : _options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        internal static string WireName(OperationType type) => type.ToString();

        private async Task<Operation?> SearchAsync(TolokaLostRequest request, int lookups, CancellationToken cancellationToken)
        {
            var since = request.SentAt - _options.ClockSkewMargin;
            var matches = new List<Operation>();
            var read = 0;
            string? after = null;
            while (true)
            {
                var page = await _client.FindOperationsAsync(
                    type: request.OperationType,
                    idGt: after,
                    submittedGte: since,
                    sort: "id",
                    limit: PageSize,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                var items = page.Items ?? (ICollection<Operation>)Array.Empty<Operation>();
                read += items.Count;
                matches.AddRange(items.Where(o => string.Equals(Parameter(o, request.ParameterName), request.SourceId, StringComparison.Ordinal)));
                if (!page.HasMore || items.Count == 0)
                {
                    break;
                }

                if (read >= _options.MaxOperationsSearched)
                {
                    throw new TolokaOutcomeUnknownException(request, lookups, "more than " + _options.MaxOperationsSearched + " operations of the type were submitted in the window (TolokaOutcomeOptions.MaxOperationsSearched)", null);
                }

                after = items.Last().Id;
            }

            // The first submitted at or after the send time is most likely this request's; else the nearest before it (clock skew).
            var sent = request.SentAt;
            return matches
                .OrderBy(o => o.Submitted is not { } at ? 2 : at >= sent ? 0 : 1)
                .ThenBy(o => o.Submitted is not { } at ? TimeSpan.MaxValue : at >= sent ? at - sent : sent - at)
                .FirstOrDefault();
        }

        private static string? Parameter(Operation operation, string name) => name switch
        {
            "pool_id" => operation.Parameters?.PoolId,
            "training_id" => operation.Parameters?.TrainingId,
            _ => operation.Parameters?.AdditionalProperties is { } more && more.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null,
        };
    }
}
