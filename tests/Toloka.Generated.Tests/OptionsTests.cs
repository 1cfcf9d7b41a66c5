using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Issue 8, rule 7: every option is range-checked when the client is built, naming the option; nothing is sent.</summary>
    public class OptionsTests
    {
        private static IEnumerable<TestCaseData> OutOfRange()
        {
            TestCaseData Case(string parameter, Action<TolokaClientOptions> set) => new TestCaseData(parameter, set).SetName(parameter + " out of range ({m})");
            yield return Case("NetworkTimeout", o => o.NetworkTimeout = TimeSpan.FromDays(60));
            yield return Case("NetworkTimeout", o => o.NetworkTimeout = TimeSpan.MaxValue);
            yield return Case("NetworkTimeout", o => o.NetworkTimeout = TimeSpan.FromTicks(-2));
            yield return Case("MaxResponseBytes", o => o.MaxResponseBytes = 0);
            yield return Case("MaxResponseBytes", o => o.MaxResponseBytes = int.MaxValue);
            yield return Case("Retry.MaxAttempts", o => o.Retry.MaxAttempts = 0);
            yield return Case("Retry.MaxAttempts", o => o.Retry.MaxAttempts = int.MinValue);
            yield return Case("Retry.BaseDelay", o => o.Retry.BaseDelay = TimeSpan.MaxValue);
            yield return Case("Retry.BaseDelay", o => o.Retry.BaseDelay = TimeSpan.FromSeconds(-1));
            yield return Case("Retry.MaxDelay", o => o.Retry.MaxDelay = TimeSpan.MaxValue);
            yield return Case("Retry.MaxDelay", o => o.Retry.MaxDelay = TimeSpan.FromMilliseconds(500));
            yield return Case("Retry.TotalBudget", o => o.Retry.TotalBudget = TimeSpan.MaxValue);
            yield return Case("Retry.TotalBudget", o => o.Retry.TotalBudget = Timeout.InfiniteTimeSpan);
            yield return Case("Polling.InitialInterval", o => o.Polling.InitialInterval = TimeSpan.FromDays(-1));
            yield return Case("Polling.MaxInterval", o => o.Polling.MaxInterval = TimeSpan.MaxValue);
            yield return Case("Polling.MaxInterval", o => o.Polling.MaxInterval = TimeSpan.FromMilliseconds(1));
            yield return Case("Polling.BackoffFactor", o => o.Polling.BackoffFactor = double.NaN);
            yield return Case("Polling.BackoffFactor", o => o.Polling.BackoffFactor = double.PositiveInfinity);
            yield return Case("Polling.BackoffFactor", o => o.Polling.BackoffFactor = 0.5);
            yield return Case("Polling.BackoffFactor", o => o.Polling.BackoffFactor = 1e6);
            yield return Case("Polling.Timeout", o => o.Polling.Timeout = TimeSpan.Zero);
        }

        [TestCaseSource(nameof(OutOfRange))]
        public void An_option_out_of_range_is_refused_at_construction_naming_it(string parameter, Action<TolokaClientOptions> set)
        {
            var options = new TolokaClientOptions();
            set(options);
            var stub = new StubToloka();

            var exception = Assert.Throws<ArgumentOutOfRangeException>(() => stub.CreateClient(options: options));

            Assert.That(exception!.ParamName, Is.EqualTo(parameter));
            Assert.That(exception.Message, Does.Contain(parameter.Split('.').Last()));
            Assert.That(stub.Requests, Is.Empty);
        }

        [TestCase("Environment")]
        [TestCase("TimeProvider")]
        [TestCase("Retry")]
        [TestCase("Polling")]
        public void A_missing_part_of_the_options_is_an_ArgumentException_naming_it(string parameter)
        {
            var options = new TolokaClientOptions();
            typeof(TolokaClientOptions).GetProperty(parameter)!.SetValue(options, null);

            var exception = Assert.Throws<ArgumentException>(() => new TolokaClient(Samples.Token, options));

            Assert.That(exception!.ParamName, Is.EqualTo(parameter));
        }

        [Test]
        public void The_edges_of_every_range_are_accepted()
        {
            var options = new TolokaClientOptions
            {
                NetworkTimeout = TolokaClientOptions.MaxTimerDelay,
                MaxResponseBytes = TolokaClientOptions.MaxResponseBytesLimit,
                Retry = { MaxAttempts = 1, BaseDelay = TimeSpan.Zero, MaxDelay = TolokaClientOptions.MaxTimerDelay, TotalBudget = TimeSpan.Zero },
                Polling = { InitialInterval = TimeSpan.Zero, MaxInterval = TolokaClientOptions.MaxTimerDelay, BackoffFactor = 1, Timeout = Timeout.InfiniteTimeSpan },
            };

            Assert.DoesNotThrow(() => new TolokaClient(Samples.Token, options).Dispose());
            Assert.DoesNotThrow(() => new TolokaClient(Samples.Token, new TolokaClientOptions { NetworkTimeout = Timeout.InfiniteTimeSpan, MaxResponseBytes = 1 }).Dispose());
        }

        // Built at run time: attribute strings cannot hold a lone surrogate (metadata stores UTF-8).
        private static IEnumerable<TestCaseData> IllFormedIds()
        {
            yield return new TestCaseData(new string(new[] { 'a', (char)0xD800, 'b' })).SetName("A lone high surrogate");
            yield return new TestCaseData(new string(new[] { (char)0xDC00 })).SetName("A lone low surrogate");
            yield return new TestCaseData(new string(new[] { 'o', 'k', (char)0xD83D })).SetName("A high surrogate at the end");
            yield return new TestCaseData(new string(new[] { (char)0xDE00, (char)0xD83D })).SetName("A pair in the wrong order");
        }

        [TestCaseSource(nameof(IllFormedIds))]
        public void An_id_that_is_not_well_formed_utf16_is_refused_before_sending(string id)
        {
            var stub = new StubToloka();
            using var client = stub.CreateClient();

            var exception = Assert.ThrowsAsync<ArgumentException>(() => client.ClonePoolAsync(id));

            Assert.That(exception!.ParamName, Is.EqualTo("poolId"));
            Assert.That(stub.Requests, Is.Empty);
        }

        [Test]
        public async System.Threading.Tasks.Task An_id_with_a_proper_surrogate_pair_is_sent_escaped()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ClonePoolOperation);
            using var client = stub.CreateClient();

            await client.ClonePoolAsync("pool-\uD83D\uDE00");

            Assert.That(stub.SingleRequest.Uri.AbsolutePath, Does.EndWith("/pools/pool-%F0%9F%98%80/clone"));
        }

        [Test]
        public async System.Threading.Tasks.Task A_request_that_is_not_retry_safe_always_carries_a_body_so_the_handler_never_resends_it()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ClonePoolOperation);
            using var client = stub.CreateClient();

            await client.ClonePoolAsync("1");

            Assert.That(stub.SingleRequest.Body, Is.Not.Null);
        }
    }
}
