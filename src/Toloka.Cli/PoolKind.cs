using System;
using System.Threading;
using System.Threading.Tasks;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// Pools and training pools have the same lifecycle; this names the client's calls for one of
    /// them, so `toloka pool` and `toloka training` share every command. Archive, open and close are the
    /// client's generated `...AndWaitAsync` flows: null at once for a 204 (already in that state).
    /// </summary>
    internal abstract class PoolKind
    {
        public static readonly PoolKind Pool = new PoolCalls();
        public static readonly PoolKind Training = new TrainingCalls();

        public abstract string Command { get; }

        public abstract string Noun { get; }

        public abstract Task<Operation> CloneAsync(ITolokaClient client, string id, CancellationToken cancellationToken);

        public abstract Task<Operation?> ArchiveAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken);

        public abstract Task<Operation?> OpenAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken);

        public abstract Task<Operation?> CloseAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken);

        public abstract Task<object> GetAsync(ITolokaClient client, string id, CancellationToken cancellationToken);

        public abstract string? CloneOf(Operation operation);

        private sealed class PoolCalls : PoolKind
        {
            public override string Command => "pool";

            public override string Noun => "Pool";

            public override Task<Operation> CloneAsync(ITolokaClient client, string id, CancellationToken cancellationToken) => client.ClonePoolAsync(id, cancellationToken);

            public override Task<Operation?> ArchiveAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken) =>
                client.ArchivePoolAndWaitAsync(id, progress, polling, cancellationToken);

            public override Task<Operation?> OpenAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken) =>
                client.OpenPoolAndWaitAsync(id, progress, polling, cancellationToken);

            public override Task<Operation?> CloseAsync(ITolokaClient client, string id, IProgress<Operation> progress, TolokaPollingOptions? polling, CancellationToken cancellationToken) =>
                client.ClosePoolAndWaitAsync(id, progress, polling, cancellationToken);

            public override async Task<object> GetAsync(ITolokaClient client, string id, CancellationToken cancellationToken) =>
                await client.GetPoolAsync(id, cancellationToken).ConfigureAwait(false);

            public override string? CloneOf(Operation operation) => operation.Details?.PoolId;
        }

        private sealed class TrainingCalls : PoolKind
        {
            public override string Command => "training";

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
        }
    }
}
