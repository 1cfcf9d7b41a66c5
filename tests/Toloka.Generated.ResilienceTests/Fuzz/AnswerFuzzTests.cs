using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;
using Toloka.Generated.ResilienceTests.Support;

namespace Toloka.Generated.ResilienceTests.Fuzz
{
    /// <summary>
    /// Property: whatever Toloka (or anything pretending to be it) answers, a call returns a value or
    /// throws a <see cref="TolokaException"/> subclass, within bounded simulated time, the token appears
    /// in none of it, the status decides the subclass, and a clone is not repeated unless Toloka said it
    /// did not act. 2,500 generated answers per operation, 10,000 per run. A failure prints FsCheck's seed
    /// and the concrete case, which then stays as a test in <see cref="FuzzRegressionTests"/>.
    /// </summary>
    [TestFixture]
    [NonParallelizable]
    public sealed class AnswerFuzzTests
    {
        private const int CasesPerCall = 2_500;
        private static readonly Stopwatch Watch = new();

        [OneTimeSetUp]
        public void StartClock()
        {
            // Property bodies block on the call while its continuations run on the pool; let the pool start wide.
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
            Watch.Restart();
        }

        [OneTimeTearDown]
        public void PrintTotals()
        {
            var outcomes = string.Join(", ", FuzzRun.Outcomes.OrderByDescending(o => o.Value).Select(o => o.Key + " " + o.Value));
            TestContext.Progress.WriteLine(
                "fuzz: " + FuzzRun.Cases + " generated answers tried in " + Watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)
                + " s; longest call " + FuzzRun.MaxElapsed.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s of simulated time; "
                + (Secret.ScannedPerSuite.TryGetValue("fuzz", out var scanned) ? scanned : 0) + " strings scanned for the token; timer callbacks that threw " + SteppingClock.TimerCallbackFailures
                + (SteppingClock.LastTimerCallbackFailure is { } last ? " (" + last + ")" : string.Empty) + "; cases rerun on a fresh clock " + FuzzRun.Reruns + ", inconclusive (clock wedged twice) " + FuzzRun.Inconclusive + "; outcomes: " + outcomes);
        }

        [Test]
        public void Any_answer_to_clone_is_a_value_or_a_typed_error_without_the_token() => Holds(FuzzedCall.ClonePool);

        [Test]
        public void Any_answer_to_archive_is_a_value_or_a_typed_error_without_the_token() => Holds(FuzzedCall.ArchivePool);

        [Test]
        public void Any_answer_to_get_operation_is_a_value_or_a_typed_error_without_the_token() => Holds(FuzzedCall.GetOperation);

        [Test]
        public void Any_answer_while_waiting_is_a_value_or_a_typed_error_without_the_token() => Holds(FuzzedCall.WaitForCompletion);

        /// <summary>Retry-After alone, on every status, through FsCheck's NUnit runner: odd texts are ignored or clamped, never thrown.</summary>
        [FsCheck.NUnit.Property(MaxTest = 300, QuietOnSuccess = true)]
        public Property Any_retry_after_text_ends_in_a_value_or_a_typed_error() =>
            Prop.ForAll(RetryAfterCases(), hostile =>
            {
                var problem = FuzzRun.Judge(hostile);
                return Prop.Label(problem is null, problem ?? "holds");
            });

        private static Arbitrary<HostileCase> RetryAfterCases() =>
            (from call in Gen.Elements(Enum.GetValues<FuzzedCall>())
             from status in Gen.Elements(200, 202, 204, 429, 503, 500, 301)
             from retryAfter in HostileAnswers.RetryAfterGen
             select new HostileCase(call, new[] { HostileAnswer.Json(status, HostileAnswers.SuccessBody(call, status), ("Retry-After", retryAfter)) })).ToArbitrary();

        private static void Holds(FuzzedCall call)
        {
            var before = FuzzRun.Cases;
            var watch = Stopwatch.StartNew();
            var property = Prop.ForAll(HostileAnswers.Cases(call), hostile =>
            {
                var problem = FuzzRun.Judge(hostile);
                return Prop.Label(problem is null, problem ?? "holds");
            });
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerCall).WithEndSize(100).WithQuietOnSuccess(true), property);
            var tried = FuzzRun.Cases - before;
            TestContext.Progress.WriteLine("fuzz " + call + ": " + tried + " answers tried in " + watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");
            Assert.That(tried, Is.GreaterThanOrEqualTo(CasesPerCall));
        }
    }
}
