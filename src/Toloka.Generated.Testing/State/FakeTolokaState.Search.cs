using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary><c>GET /operations</c>: every operation the fake started, filtered, sorted and cut to one page.</summary>
    internal sealed partial class FakeTolokaState
    {
        internal FakeAnswer FindOperations(FakeOperationQuery query)
        {
            lock (_gate)
            {
                var now = Settle();
                var matching = query.Order(_operations.Values.Select(o => Snapshot(o, now)).Where(query.Matches)).Take(query.Limit + 1).ToList();
                var hasMore = matching.Count > query.Limit;
                return FakeAnswer.Json(200, FakeTolokaJson.OperationPage(matching.Take(query.Limit).ToList(), hasMore));
            }
        }
    }
}
