// A program outside the repository that knows Toloka.Generated only as NuGet packages: it starts the
// fake Toloka, clones a pool and waits, archives the clone and waits, archives it again (204 -> null),
// then does the same through dependency injection. Any failure ends it with a non-zero exit code.
using Microsoft.Extensions.DependencyInjection;
using Toloka.Generated;
using Toloka.Generated.Testing;

await using var fake = await FakeToloka.StartAsync();
var sourcePoolId = fake.AddPool(FakePoolStatus.Open, parameters: new Dictionary<string, string> { ["private_name"] = "Smoke" });
var fast = new TolokaPollingOptions { InitialInterval = TimeSpan.FromMilliseconds(100), MaxInterval = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromMinutes(1) };

using (var toloka = new TolokaClient(fake.Token, fake.CreateClientOptions()))
{
    TolokaCloneResult clone = await toloka.ClonePoolAndWaitAsync(sourcePoolId, polling: fast);
    Console.WriteLine($"cloned pool {clone.SourceId} -> {clone.NewId} ({clone.Operation.Status})");

    Operation? archived = await toloka.ArchivePoolAndWaitAsync(clone.NewId, polling: fast);
    Console.WriteLine($"archived pool {clone.NewId}: {archived?.Status} ({fake.GetPool(clone.NewId).Status})");

    Operation? again = await toloka.ArchivePoolAsync(clone.NewId);
    Console.WriteLine($"already archived: {(again is null ? "null" : again.Status.ToString())}");
    if (again is not null || fake.GetPool(clone.NewId).Status != FakePoolStatus.Archived)
    {
        throw new InvalidOperationException("archive did not behave as documented");
    }
}

var services = new ServiceCollection();
services.AddTolokaClient(fake.Token, options =>
{
    options.Environment = TolokaEnvironment.Custom(fake.BaseUri);
    options.Polling = fast;
});
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<ITolokaClient>();
var second = await client.ClonePoolAndWaitAsync(sourcePoolId);
Console.WriteLine($"DI client cloned pool {sourcePoolId} -> {second.NewId}");

try
{
    await client.ArchivePoolAsync(sourcePoolId);
    throw new InvalidOperationException("archiving an open pool must fail");
}
catch (TolokaConflictException conflict)
{
    Console.WriteLine($"open pool refused: {conflict.ErrorCode}");
}

Console.WriteLine("SMOKE OK");
