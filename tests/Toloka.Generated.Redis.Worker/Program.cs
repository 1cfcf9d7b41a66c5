using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Toloka.Generated;
using Toloka.Generated.Redis;

namespace Toloka.Generated.Redis.Worker
{
    /// <summary>
    /// One client in its own process: clones a pool <c>--count</c> times through Redis-shared pacing and
    /// prints one line per call (<c>ok</c>, <c>quota RESETS_AT</c>, <c>redis</c> or <c>error TYPE</c>), then <c>done</c>.
    /// Arguments: <c>--base-url URL --token T --redis CONFIG --pool ID --count N [--per-day N]</c>;
    /// <c>--per-day</c> hands the shared limiter that day quota instead of the spec's.
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i]] = args[i + 1];
            }

            var perDay = values.TryGetValue("--per-day", out var day) ? int.Parse(day, CultureInfo.InvariantCulture) : 0;
            var count = int.Parse(values["--count"], CultureInfo.InvariantCulture);
            await using var pacing = new TolokaRedisPacing(new TolokaRedisPacingOptions { Configuration = values["--redis"] });
            var options = new TolokaClientOptions
            {
                Environment = TolokaEnvironment.Custom(values["--base-url"]),
                RateLimiterFactory = limit => pacing.CreateLimiter(perDay > 0
                    ? TolokaModelFactory.TolokaRateLimit(limit.OperationId, limit.RequestsPerMinute, perDay, limit.Environment, limit.AccountKey)
                    : limit),
            };
            using var client = new TolokaClient(values["--token"], options);
            Console.WriteLine("ready");
            for (var i = 0; i < count; i++)
            {
                try
                {
                    await client.ClonePoolAsync(values["--pool"]).ConfigureAwait(false);
                    Console.WriteLine("ok");
                }
                catch (TolokaQuotaExceededException quota)
                {
                    Console.WriteLine("quota " + quota.ResetsAt.ToString("O", CultureInfo.InvariantCulture));
                }
                catch (TolokaRedisUnavailableException)
                {
                    Console.WriteLine("redis");
                }
                catch (TolokaException error)
                {
                    Console.WriteLine("error " + error.GetType().Name);
                }
            }

            Console.WriteLine("done");
            return 0;
        }
    }
}
