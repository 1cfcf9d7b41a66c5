using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// <c>GET /operations</c>: every operation the fake started at least the listing delay ago, filtered,
    /// sorted and cut to one page.
    /// </summary>
    internal sealed partial class FakeTolokaState
    {
        internal FakeAnswer FindOperations(FakeOperationQuery query)
        {
            lock (_gate)
            {
                var now = Settle();
                var matching = query.Order(_operations.Values.Where(o => FakeOperationQuery.IsListed(o.Submitted, _listingDelay, now)).Select(o => Snapshot(o, now)).Where(query.Matches)).Take(query.Limit + 1).ToList();
                var hasMore = matching.Count > query.Limit;
                return FakeAnswer.Json(200, FakeTolokaJson.OperationPage(matching.Take(query.Limit).ToList(), hasMore));
            }
        }
    }
}
