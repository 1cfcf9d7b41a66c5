using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// Through AddTolokaClient only NetworkTimeout bounds an attempt (the factory's HttpClient.Timeout no
    /// longer caps it at 100 s), and every timeout's message names the limit that fired.
    /// </summary>
    public class DependencyInjectionTimeoutTests
    {
        private FakeTimeProvider _time = null!;

        [SetUp]
        public void StartClock() => _time = SimulatedTime.NewClock();

        private ServiceProvider Provider(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer, Action<TolokaClientOptions> configure, Action<IHttpClientBuilder>? more = null)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(_time);
            var builder = services.AddTolokaClient(Samples.Token, options =>
            {
                options.Environment = TolokaEnvironment.Sandbox;
                configure(options);
            }).ConfigurePrimaryHttpMessageHandler(() => new AnsweringHandler(answer));
            more?.Invoke(builder);
            return services.BuildServiceProvider();
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        [Test]
        public void The_registered_HttpClient_has_no_timeout_of_its_own()
        {
            var services = new ServiceCollection();
            var builder = services.AddTolokaClient(Samples.Token);
            using var provider = services.BuildServiceProvider();

            var httpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name);

            Assert.That(httpClient.Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
        }

        [Test]
        public async Task An_answer_slower_than_100_seconds_succeeds_within_a_200_second_NetworkTimeout()
        {
            using var provider = Provider(
                async (request, cancellationToken) =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(150), _time, cancellationToken);
                    return new HttpResponseMessage(HttpStatusCode.NoContent);
                },
                options => options.NetworkTimeout = TimeSpan.FromSeconds(200));
            var client = provider.GetRequiredService<ITolokaClient>();

            var archived = await _time.RunAsync(client.ArchivePoolAsync("5"), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

            Assert.That(archived, Is.Null);
            Assert.That(_time.GetUtcNow() - SimulatedTime.Start, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(150)));
        }

        [Test]
        public void An_attempt_past_NetworkTimeout_says_NetworkTimeout_fired()
        {
            using var provider = Provider(
                async (request, cancellationToken) =>
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);
                    throw new InvalidOperationException("unreachable");
                },
                options =>
                {
                    options.NetworkTimeout = TimeSpan.FromSeconds(200);
                    options.Retry.MaxAttempts = 1;
                    options.ResolveLostAnswers = false;
                });
            var client = provider.GetRequiredService<ITolokaClient>();

            var exception = Assert.ThrowsAsync<TolokaTransportException>(
                () => _time.RunAsync(client.ClonePoolAsync("1"), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)))!;

            Assert.That(exception.TimedOut, Is.True);
            Assert.That(exception.Message, Does.Contain("NetworkTimeout (200 s, per attempt)"));
        }

        [Test]
        public async Task A_finite_HttpClient_Timeout_of_your_own_is_named_as_the_limit_that_fired()
        {
            // Real time: HttpClient.Timeout runs on the wall clock. The server answers after 2 s; the
            // caller's own HttpClient.Timeout (300 ms) fires first, long before NetworkTimeout (30 s).
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                context.Response.StatusCode = 204;
            });
            var services = new ServiceCollection();
            services.AddTolokaClient(Samples.Token, options =>
            {
                options.Environment = TolokaEnvironment.Custom(server.BaseUri);
                options.NetworkTimeout = TimeSpan.FromSeconds(30);
                options.Retry.MaxAttempts = 1;
            }).ConfigureHttpClient(httpClient => httpClient.Timeout = TimeSpan.FromMilliseconds(300));
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<ITolokaClient>();

            var clock = Stopwatch.StartNew();
            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => client.ArchivePoolAsync("5"))!;
            clock.Stop();

            Assert.That(exception.TimedOut, Is.True);
            Assert.That(exception.Message, Does.Contain("the HttpClient's own Timeout (0.3 s)").And.Contain("NetworkTimeout (30 s)"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        }

        [Test]
        public void A_Retry_After_past_the_retry_budget_says_the_budget_stopped_the_retries()
        {
            using var provider = Provider(
                (request, cancellationToken) =>
                {
                    var answer = Json((HttpStatusCode)429, Samples.Error("TOO_MANY_REQUESTS", "Slow down", "req-1", "{}"));
                    answer.Headers.TryAddWithoutValidation("Retry-After", "120");
                    return Task.FromResult(answer);
                },
                options => options.Retry.TotalBudget = TimeSpan.FromSeconds(60));
            var client = provider.GetRequiredService<ITolokaClient>();

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => client.ClonePoolAsync("1"))!;

            Assert.That(exception.Message, Does.Contain("Retry.TotalBudget (60 s)").And.Contain("next wait (120 s)"));
        }

        [Test]
        public void A_wait_past_Polling_Timeout_says_Polling_Timeout_fired()
        {
            const string Running = """{"id":"op-1","type":"POOL.CLONE","status":"RUNNING","progress":10}""";
            using var provider = Provider(
                (request, cancellationToken) => Task.FromResult(Json(HttpStatusCode.OK, Running)),
                options => options.Polling.Timeout = TimeSpan.FromMinutes(3));
            var client = provider.GetRequiredService<ITolokaClient>();

            var exception = Assert.ThrowsAsync<TolokaOperationTimeoutException>(
                () => _time.RunAsync(client.WaitForCompletionAsync("op-1"), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)))!;

            Assert.That(exception.Message, Does.Contain("Polling.Timeout (waited 180 s)"));
        }

        [Test]
        public async Task A_pacing_limiter_that_never_gives_a_permit_says_pacings_wait_limit_fired()
        {
            using var refusing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });
            using var held = refusing.AttemptAcquire();
            using var provider = Provider(
                (request, cancellationToken) => Task.FromResult(Json(HttpStatusCode.Accepted, Samples.ClonePoolOperation)),
                options =>
                {
                    options.Retry.TotalBudget = TimeSpan.FromSeconds(30);
                    options.RateLimiterFactory = _ => refusing;
                });
            var client = provider.GetRequiredService<ITolokaClient>();

            var call = client.ClonePoolAsync("1");
            await _time.RunAsync(call.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));

            var exception = Assert.CatchAsync<TolokaPacingTimeoutException>(() => call)!;
            Assert.That(exception.Message, Does.Contain("pacing's wait limit, Retry.TotalBudget"));
        }

        private sealed class AnsweringHandler : HttpMessageHandler
        {
            private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;

            public AnsweringHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => _answer(request, cancellationToken);
        }
    }
}
