using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Toloka.Generated.ResilienceTests.Support;

namespace Toloka.Generated.ResilienceTests.Fuzz
{
    /// <summary>
    /// Drives one fuzz case through the public client (an in-memory handler, simulated time) and judges
    /// it: a value or a <see cref="TolokaException"/>, within the time bound, the token nowhere, the
    /// status deciding the subclass, a clone sent once unless Toloka said it did not act.
    /// </summary>
    internal static class FuzzRun
    {
        /// <summary>Simulated time a call may take: poll timeout + retry budget + a network timeout per attempt, with room to spare.</summary>
        public static readonly TimeSpan Limit = TimeSpan.FromSeconds(200);

        private static readonly ConcurrentDictionary<string, int> OutcomeCounts = new();
        private static long _cases;
        private static long _maxElapsedTicks;
        private static int _reruns;
        private static int _inconclusive;

        /// <summary>Cases whose simulated clock wedged twice; reported, not failed.</summary>
        public static int Inconclusive => Volatile.Read(ref _inconclusive);

        /// <summary>Cases run a second time because the first run's clock wedged (see <see cref="Judge(HostileCase, string)"/>).</summary>
        public static int Reruns => Volatile.Read(ref _reruns);

        public static long Cases => Interlocked.Read(ref _cases);

        public static TimeSpan MaxElapsed => TimeSpan.FromTicks(Interlocked.Read(ref _maxElapsedTicks));

        public static IReadOnlyDictionary<string, int> Outcomes => OutcomeCounts;

        public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(10);

        public static TolokaClientOptions Options(SteppingClock clock) => new()
        {
            Environment = TolokaEnvironment.Custom("http://127.0.0.1:1/api/v1"),
            TimeProvider = clock,
            NetworkTimeout = NetworkTimeout,
            Retry = new TolokaRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4), TotalBudget = TimeSpan.FromSeconds(20) },
            Polling = new TolokaPollingOptions { InitialInterval = TimeSpan.FromSeconds(2), MaxInterval = TimeSpan.FromSeconds(15), BackoffFactor = 3, Timeout = TimeSpan.FromSeconds(60) },

            // Each case is one scripted answer; the search a lost clone answer starts is pinned by LostAnswerTests.
            ResolveLostAnswers = false,
        };

        /// <summary>Runs the case; returns what is wrong with the outcome, or null when it holds.</summary>
        public static string? Judge(HostileCase hostile, string suite = "fuzz")
        {
            var problem = JudgeOnce(hostile, suite);
            if (problem is not null && (problem.StartsWith("hang:", StringComparison.Ordinal) || problem.StartsWith(SteppingClock.Wedged, StringComparison.Ordinal)))
            {
                // The simulated clock can wedge (FakeTimeProvider leaves a due timer unfired, mostly on a cold
                // first run); a real hang hangs again on a fresh clock, so only a second hang fails the case.
                // A case whose clock wedges twice is counted as inconclusive: the call had a timer armed.
                Interlocked.Increment(ref _reruns);
                problem = JudgeOnce(hostile, suite);
                if (problem is not null && problem.StartsWith(SteppingClock.Wedged, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _inconclusive);
                    return null;
                }
            }

            return problem;
        }

        private static string? JudgeOnce(HostileCase hostile, string suite)
        {
            var clock = new SteppingClock();
            var handler = new ScriptedHandler((request, index, cancellationToken) => AnswerAsync(hostile, request, index, clock, cancellationToken));
            using var httpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            using var client = new TolokaClient(httpClient, Secret.Token, Options(clock));
            return Judge(hostile, client, handler, clock, suite);
        }

        public static Task<HttpResponseMessage> AnswerAsync(HostileCase hostile, HttpRequestMessage request, int index, SteppingClock clock, CancellationToken cancellationToken)
        {
            clock.BeginWork();
            var answer = hostile.AnswerTo(index);
            if (answer.Shape == BodyShape.StallHeaders)
            {
                clock.EndWork();
                return Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ContinueWith<HttpResponseMessage>(
                    t => throw new TaskCanceledException(t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return Task.FromResult(answer.ToResponse(request, clock));
        }

        /// <summary>Runs the case on a client built elsewhere (the secrets suite builds one through DI).</summary>
        public static string? Judge(HostileCase hostile, ITolokaClient client, ScriptedHandler handler, SteppingClock clock, string suite)
        {
            Interlocked.Increment(ref _cases);
            object? value = null;
            Exception? failure = null;
            try
            {
                value = clock.Run(() => Call(client, hostile.Call), Limit);
            }
            catch (TimeoutException hang) when (hang.Message.StartsWith(SteppingClock.Wedged, StringComparison.Ordinal))
            {
                Count("clock wedged");
                return hang.Message;
            }
            catch (TimeoutException hang)
            {
                Count("HANG");
                return "hang: " + hang.Message;
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            var elapsed = clock.Elapsed;
            InterlockedMax(ref _maxElapsedTicks, elapsed.Ticks);
            Count(failure is null ? "value" : failure.GetType().Name);

            if (failure is not null && failure is not TolokaException)
            {
                return "undocumented exception " + failure.GetType().FullName + ": " + failure.Message + "\n" + failure.StackTrace;
            }

            if (failure is not null && Secret.ScanException(suite, hostile.Call.ToString(), failure) > 0)
            {
                return "the token appears in " + failure.GetType().Name + ": " + string.Join(" / ", Secret.LeakReports.TakeLast(3));
            }

            if (elapsed > Limit)
            {
                return "took " + elapsed + " of simulated time";
            }

            var clones = handler.Requests.Count(r => r.EndsWith("/clone", StringComparison.Ordinal));
            if (hostile.Call == FuzzedCall.ClonePool && clones > 1)
            {
                var first = hostile.AnswerTo(0);
                var onlyNotActed = Enumerable.Range(0, clones - 1).All(i => hostile.AnswerTo(i) is { Status: 429 or 503 } answer && answer.Shape != BodyShape.StallHeaders);
                if (!onlyNotActed)
                {
                    return "clone sent " + clones + " times though an answer other than 429/503 came first (" + first.Status + " " + first.Shape + ")";
                }
            }

            return CheckSubclass(hostile, failure, value);
        }

        private static string? CheckSubclass(HostileCase hostile, Exception? failure, object? value)
        {
            // Only a direct call with one repeated, whole answer has an outcome the status alone decides.
            if (hostile.Call == FuzzedCall.WaitForCompletion || hostile.Answers.Count != 1 || hostile.Answers[0].Shape != BodyShape.Whole || hostile.Answers[0].DeclaredLength is not null)
            {
                return null;
            }

            var status = hostile.Answers[0].Status;
            if (status is >= 200 and < 300)
            {
                if (failure is TolokaApiException api && (api.Kind != TolokaErrorKind.InvalidResponse || string.IsNullOrEmpty(api.OperationId)))
                {
                    return "a " + status + " that could not be read gave Kind " + api.Kind + " and OperationId '" + api.OperationId + "' (want InvalidResponse and the operation)";
                }

                return null;
            }

            if (failure is null)
            {
                return "HTTP " + status + " returned a value (" + value + ")";
            }

            var expected = status switch
            {
                400 => typeof(TolokaValidationException),
                401 => typeof(TolokaAuthenticationException),
                403 => typeof(TolokaAccessDeniedException),
                404 => typeof(TolokaNotFoundException),
                409 => typeof(TolokaConflictException),
                429 => typeof(TolokaRateLimitedException),
                >= 500 and < 600 => typeof(TolokaServerException),
                _ => typeof(TolokaApiException),
            };
            if (!expected.IsInstanceOfType(failure))
            {
                return "HTTP " + status + " gave " + failure.GetType().Name + " (want " + expected.Name + "): " + failure.Message;
            }

            return failure is TolokaApiException { StatusCode: var code } && code != status
                ? "HTTP " + status + " gave StatusCode " + code
                : null;
        }

        public static async Task<object?> Call(ITolokaClient client, FuzzedCall call)
        {
            switch (call)
            {
                case FuzzedCall.ClonePool:
                    return await client.ClonePoolAsync("1").ConfigureAwait(false);
                case FuzzedCall.ArchivePool:
                    return await client.ArchivePoolAsync("21").ConfigureAwait(false);
                case FuzzedCall.GetOperation:
                    return await client.GetOperationAsync("op-1").ConfigureAwait(false);
                default:
                    var running = new Operation { Id = "op-1", Status = OperationStatus.Running, Type = OperationType.PoolClone };
                    return await client.WaitForCompletionAsync(running).ConfigureAwait(false);
            }
        }

        private static void Count(string outcome) => OutcomeCounts.AddOrUpdate(outcome, 1, (_, n) => n + 1);

        private static void InterlockedMax(ref long target, long value)
        {
            long current;
            while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
