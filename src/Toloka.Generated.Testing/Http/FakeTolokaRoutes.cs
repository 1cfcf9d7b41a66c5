using System;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Maps a request to one of the spec's operations by hand. Matching the spec's few paths here (rather
    /// than with endpoint routing) leaves no framework behaviour Toloka lacks, and gives one place that
    /// knows the endpoint for the log, faults, auth and rate limits. A known path with a method it does
    /// not have is a 405 naming the methods it has.
    /// </summary>
    internal static class FakeTolokaRoutes
    {
        internal const string BasePath = "/api/v1/";

        /// <summary>
        /// The route for a path as the client sent it (dot segments such as <c>/pools/./clone</c> are not
        /// resolved: <c>.</c> is an ID like any other), or null with <paramref name="allow"/> set when only
        /// the method is wrong (405) and null otherwise (404).
        /// </summary>
        internal static FakeRoute? Match(string method, string path, out string? allow)
        {
            allow = null;
            if (!path.StartsWith(BasePath, StringComparison.Ordinal))
            {
                return null;
            }

            var segments = path.Substring(BasePath.Length).Split('/');
            if (segments.Length == 0 || (segments.Length > 1 && segments[1].Length == 0))
            {
                return null;
            }

            var (endpoint, expected) = EndpointOf(segments);

            if (endpoint is not { } found)
            {
                return null;
            }

            if (!string.Equals(method, expected, StringComparison.OrdinalIgnoreCase))
            {
                allow = expected;
                return null;
            }

            // The ID as the client meant it: a%2Fb names the object "a/b"; a NUL (which reaches here as the
            // overlong %C0%80, see FakeNulMarking) is a NUL.
            var id = segments.Length > 1 ? Uri.UnescapeDataString(segments[1].Replace(FakeNulMarking.Marker, "%00", StringComparison.OrdinalIgnoreCase)) : string.Empty;
            var idName = segments[0] switch { "pools" => "pool_id", "trainings" => "training_id", _ => "operation_id" };
            return new FakeRoute(found, id, idName);
        }

        /// <summary>The endpoint the path segments name, and the one method it takes; a null endpoint when none.</summary>
        private static (FakeTolokaEndpoint? Endpoint, string Method) EndpointOf(string[] segments) =>
            (segments.Length, segments[0]) switch
            {
                (1, "operations") => (FakeTolokaEndpoint.FindOperations, "GET"),
                (1, "pools") => (FakeTolokaEndpoint.FindPools, "GET"),
                (1, "trainings") => (FakeTolokaEndpoint.FindTrainings, "GET"),
                (3, "operations") when segments[2] == "log" => (FakeTolokaEndpoint.GetOperationLog, "GET"),
                (2, "operations") => (FakeTolokaEndpoint.GetOperation, "GET"),
                (2, "pools") => (FakeTolokaEndpoint.GetPool, "GET"),
                (2, "trainings") => (FakeTolokaEndpoint.GetTraining, "GET"),
                (3, "pools") => segments[2] switch
                {
                    "clone" => (FakeTolokaEndpoint.ClonePool, "POST"),
                    "archive" => (FakeTolokaEndpoint.ArchivePool, "POST"),
                    "open" => (FakeTolokaEndpoint.OpenPool, "POST"),
                    "close" => (FakeTolokaEndpoint.ClosePool, "POST"),
                    "close-for-update" => (FakeTolokaEndpoint.ClosePoolForUpdate, "POST"),
                    _ => ((FakeTolokaEndpoint?)null, string.Empty),
                },
                (3, "trainings") => segments[2] switch
                {
                    "clone" => (FakeTolokaEndpoint.CloneTraining, "POST"),
                    "archive" => (FakeTolokaEndpoint.ArchiveTraining, "POST"),
                    "open" => (FakeTolokaEndpoint.OpenTraining, "POST"),
                    "close" => (FakeTolokaEndpoint.CloseTraining, "POST"),
                    "close-for-update" => (FakeTolokaEndpoint.CloseTrainingForUpdate, "POST"),
                    _ => ((FakeTolokaEndpoint?)null, string.Empty),
                },
                _ => ((FakeTolokaEndpoint?)null, string.Empty),
            };
    }

    /// <summary>The endpoint a request matched and the ID from its path (empty for <c>GET /operations</c>).</summary>
    internal sealed class FakeRoute
    {
        internal FakeRoute(FakeTolokaEndpoint endpoint, string id, string idName)
        {
            Endpoint = endpoint;
            Id = id;
            IdName = idName;
        }

        internal FakeTolokaEndpoint Endpoint { get; }

        internal string Id { get; }

        /// <summary>The path parameter's name in the spec (<c>pool_id</c>, <c>training_id</c>, <c>operation_id</c>).</summary>
        internal string IdName { get; }
    }
}
