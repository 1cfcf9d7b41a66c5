using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// Pools and training pools have the same lifecycle; this names the client's calls for one of
    /// them, so `toloka pool` and `toloka training` share every command (list included, through the
    /// client's generated FindPoolsAsync/GetPoolsAsync and FindTrainingsAsync/GetTrainingsAsync). Archive, open and close are the
    /// client's generated `...AndWaitAsync` flows: null at once for a 204 (already in that state).
    /// </summary>
    internal abstract class PoolKind
    {
        public static readonly PoolKind Pool = new PoolCalls();
        public static readonly PoolKind Training = new TrainingCalls();

        public abstract string Command { get; }

        /// <summary>The model Toloka's answers about one of these bind to: <see cref="Pool"/> or <see cref="Training"/>.</summary>
        public abstract Type Model { get; }

        public abstract string Noun { get; }

        public abstract Task<Operation> CloneAsync(ITolokaClient client, string id, CancellationToken cancellationToken);

        public abstract Task<Operation?> ArchiveAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken);

        public abstract Task<Operation?> OpenAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken);

        public abstract Task<Operation?> CloseAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken);

        public abstract Task<object> GetAsync(ITolokaClient client, string id, CancellationToken cancellationToken);

        public abstract string? CloneOf(Operation operation);

        /// <summary>One page of `list`: the items and whether more match.</summary>
        public abstract Task<(IReadOnlyList<object> Items, bool HasMore)> ListPageAsync(ITolokaClient client, PoolQuery query, CancellationToken cancellationToken);

        /// <summary>Every match of `list --all`, through the client's generated pager.</summary>
        public abstract IAsyncEnumerable<object> ListAllAsync(ITolokaClient client, PoolQuery query, CancellationToken cancellationToken);

        private sealed class PoolCalls : PoolKind
        {
            public override string Command => "pool";

            public override Type Model => typeof(Pool);

            public override string Noun => "Pool";

            public override Task<Operation> CloneAsync(ITolokaClient client, string id, CancellationToken cancellationToken) => client.ClonePoolAsync(id, cancellationToken);

            public override Task<Operation?> ArchiveAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken) =>
                client.ArchivePoolAndWaitAsync(id, progress, polling, cancellationToken);

            public override Task<Operation?> OpenAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken) =>
                client.OpenPoolAndWaitAsync(id, progress, polling, cancellationToken);

            public override Task<Operation?> CloseAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken) =>
                client.ClosePoolAndWaitAsync(id, progress, polling, cancellationToken);

            public override async Task<object> GetAsync(ITolokaClient client, string id, CancellationToken cancellationToken)
            {
                var pool = await client.GetPoolAsync(id, cancellationToken).ConfigureAwait(false);
                StartupTrace.Mark("answer read");
                return pool;
            }

            public override string? CloneOf(Operation operation) => operation.Details?.PoolId;

            public override async Task<(IReadOnlyList<object> Items, bool HasMore)> ListPageAsync(ITolokaClient client, PoolQuery query, CancellationToken cancellationToken)
            {
                var page = await client.FindPoolsAsync(
                    status: query.Status,
                    projectId: query.ProjectId,
                    createdGte: query.CreatedAfter,
                    createdLt: query.CreatedBefore,
                    lastStartedGte: query.StartedAfter,
                    lastStartedLt: query.StartedBefore,
                    sort: "id",
                    limit: query.Limit,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                return (page.Items.Cast<object>().ToList(), page.HasMore);
            }

            public override async IAsyncEnumerable<object> ListAllAsync(ITolokaClient client, PoolQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                await foreach (var pool in client.GetPoolsAsync(
                    status: query.Status,
                    projectId: query.ProjectId,
                    createdGte: query.CreatedAfter,
                    createdLt: query.CreatedBefore,
                    lastStartedGte: query.StartedAfter,
                    lastStartedLt: query.StartedBefore,
                    limit: query.Limit,
                    cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    yield return pool;
                }
            }
        }

        private sealed class TrainingCalls : PoolKind
        {
            public override string Command => "training";

            public override Type Model => typeof(Training);

            public override string Noun => "Training";

            public override Task<Operation> CloneAsync(ITolokaClient client, string id, CancellationToken cancellationToken) => client.CloneTrainingAsync(id, cancellationToken);

            public override Task<Operation?> ArchiveAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken) =>
                client.ArchiveTrainingAndWaitAsync(id, progress, polling, cancellationToken);

            public override Task<Operation?> OpenAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken) =>
                client.OpenTrainingAndWaitAsync(id, progress, polling, cancellationToken);

            public override Task<Operation?> CloseAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken) =>
                client.CloseTrainingAndWaitAsync(id, progress, polling, cancellationToken);

            public override async Task<object> GetAsync(ITolokaClient client, string id, CancellationToken cancellationToken) =>
                await client.GetTrainingAsync(id, cancellationToken).ConfigureAwait(false);

            public override string? CloneOf(Operation operation) => operation.Details?.TrainingId;

            public override async Task<(IReadOnlyList<object> Items, bool HasMore)> ListPageAsync(ITolokaClient client, PoolQuery query, CancellationToken cancellationToken)
            {
                var page = await client.FindTrainingsAsync(
                    status: query.Status,
                    projectId: query.ProjectId,
                    createdGte: query.CreatedAfter,
                    createdLt: query.CreatedBefore,
                    lastStartedGte: query.StartedAfter,
                    lastStartedLt: query.StartedBefore,
                    sort: "id",
                    limit: query.Limit,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                return (page.Items.Cast<object>().ToList(), page.HasMore);
            }

            public override async IAsyncEnumerable<object> ListAllAsync(ITolokaClient client, PoolQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                await foreach (var training in client.GetTrainingsAsync(
                    status: query.Status,
                    projectId: query.ProjectId,
                    createdGte: query.CreatedAfter,
                    createdLt: query.CreatedBefore,
                    lastStartedGte: query.StartedAfter,
                    lastStartedLt: query.StartedBefore,
                    limit: query.Limit,
                    cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    yield return training;
                }
            }
        }
    }
}
