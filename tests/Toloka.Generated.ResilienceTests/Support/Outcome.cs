using System;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.ResilienceTests.Faults;

namespace Toloka.Generated.ResilienceTests.Support
{
    /// <summary>Runs a call and keeps what came out of it, value or exception, for assertions.</summary>
    internal static class Outcome
    {
        /// <summary>Longer than any case may take: a call still running then counts as hung (a TimeoutException), and the test goes on.</summary>
        public static readonly TimeSpan HangDeadline = TimeSpan.FromSeconds(15);

        public static async Task<(T? Value, Exception? Failure)> Of<T>(Func<Task<T>> call)
            where T : class
        {
            var task = Task.Run(call);
            if (await Task.WhenAny(task, Task.Delay(HangDeadline)).ConfigureAwait(false) != task)
            {
                return (null, new TimeoutException("The call hung: still running after " + HangDeadline.TotalSeconds + " s."));
            }

            try
            {
                return (await task.ConfigureAwait(false), null);
            }
            catch (Exception exception)
            {
                return (null, exception);
            }
        }

        /// <summary>Asserts the outcome a fault case expects (to be called inside Assert.Multiple).</summary>
        public static void AssertExpected(FaultOutcome expected, object? value, Exception? failure, string locationPrefix)
        {
            switch (expected)
            {
                case FaultOutcome.Value:
                    Assert.That(failure, Is.Null, "a value");
                    Assert.That(value, Is.Not.Null);
                    return;
                case FaultOutcome.TimedOut:
                    Assert.That(failure, Is.TypeOf<TolokaTransportException>().With.Property(nameof(TolokaTransportException.TimedOut)).True, Describe(failure));
                    return;
                case FaultOutcome.ConnectionFailed:
                    Assert.That(failure, Is.TypeOf<TolokaTransportException>(), Describe(failure));
                    return;
                case FaultOutcome.InvalidResponse:
                    Assert.That(failure, Is.InstanceOf<TolokaApiException>().With.Property(nameof(TolokaApiException.Kind)).EqualTo(TolokaErrorKind.InvalidResponse), Describe(failure));
                    Assert.That((failure as TolokaApiException)?.OperationId, Is.EqualTo("clonePool"), "names the operation");
                    return;
                case FaultOutcome.Redirect:
                    Assert.That(failure, Is.InstanceOf<TolokaApiException>(), Describe(failure));
                    Assert.That((failure as TolokaApiException)?.StatusCode, Is.InRange(300, 399));
                    Assert.That(failure?.Message, Does.Contain(locationPrefix), "the message names the Location");
                    return;
                default:
                    Assert.That(failure, Is.InstanceOf<TolokaException>(), Describe(failure));
                    return;
            }
        }

        private static string Describe(Exception? failure) => failure is null ? "no exception" : failure.GetType().FullName + ": " + failure.Message;
    }
}
