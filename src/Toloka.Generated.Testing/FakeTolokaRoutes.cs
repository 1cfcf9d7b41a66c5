using System;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Maps a request to one of the spec's operations by hand. The five paths are all the fake serves,
    /// and matching them here (rather than with endpoint routing) leaves no framework behaviour Toloka
    /// lacks, such as a 405 with an empty body, and gives one place that knows the endpoint for the log,
    /// faults, auth and rate limits.
    /// </summary>
    internal static class FakeTolokaRoutes
    {
        internal const string BasePath = "/api/v1/";

        internal static FakeRoute? Match(string method, string path)
        {
            if (!path.StartsWith(BasePath, StringComparison.Ordinal))
            {
                return null;
            }

            var segments = path.Substring(BasePath.Length).Split('/');
            var isPost = string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
            var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
            if (segments.Length == 2 && isGet && segments[0] == "operations" && segments[1].Length > 0)
            {
                return new FakeRoute(FakeTolokaEndpoint.GetOperation, segments[1]);
            }

            if (segments.Length != 3 || !isPost || segments[1].Length == 0)
            {
                return null;
            }

            return (segments[0], segments[2]) switch
            {
                ("pools", "clone") => new FakeRoute(FakeTolokaEndpoint.ClonePool, segments[1]),
                ("pools", "archive") => new FakeRoute(FakeTolokaEndpoint.ArchivePool, segments[1]),
                ("trainings", "clone") => new FakeRoute(FakeTolokaEndpoint.CloneTraining, segments[1]),
                ("trainings", "archive") => new FakeRoute(FakeTolokaEndpoint.ArchiveTraining, segments[1]),
                _ => null,
            };
        }
    }

    /// <summary>The endpoint a request matched and the ID from its path.</summary>
    internal sealed class FakeRoute
    {
        internal FakeRoute(FakeTolokaEndpoint endpoint, string id)
        {
            Endpoint = endpoint;
            Id = id;
        }

        internal FakeTolokaEndpoint Endpoint { get; }

        internal string Id { get; }

        /// <summary>The path parameter's name in the spec, for a <c>VALIDATION_ERROR</c> payload.</summary>
        internal string ParameterName => Endpoint switch
        {
            FakeTolokaEndpoint.ClonePool or FakeTolokaEndpoint.ArchivePool => "pool_id",
            FakeTolokaEndpoint.CloneTraining or FakeTolokaEndpoint.ArchiveTraining => "training_id",
            _ => "operation_id",
        };
    }
}
