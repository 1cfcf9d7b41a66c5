using System;
using System.Linq;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// The client works from a snapshot of its options (a caller who changes the options object later
    /// changes nothing). Every public settable option, found by reflection, is set to a value other
    /// than its default; the snapshot must carry each one, and must not share the nested option
    /// objects. A new option that <see cref="TolokaClientOptions.Snapshot"/> forgets fails here.
    /// </summary>
    public class OptionsSnapshotTests
    {
        [Test]
        public void The_snapshot_copies_every_option_and_shares_no_nested_options_object()
        {
            var options = new TolokaClientOptions();
            SetEveryOption(options);

            var snapshot = options.Snapshot();

            AssertSameOptions(options, snapshot, nameof(TolokaClientOptions));
        }

        [Test]
        public void A_change_to_the_options_after_the_client_is_built_changes_nothing()
        {
            var options = new TolokaClientOptions();
            using var client = new TolokaClient(Samples.Token, options);

            options.Environment = TolokaEnvironment.Sandbox;
            options.Retry.MaxAttempts = 9;

            Assert.That(client.Environment, Is.EqualTo(TolokaEnvironment.Production));
        }

        private static void SetEveryOption(object options)
        {
            foreach (var property in Settable(options.GetType()))
            {
                if (IsNestedOptions(property.PropertyType))
                {
                    SetEveryOption(property.GetValue(options)!);
                    continue;
                }

                var value = OtherThanDefault(property, property.GetValue(options));
                property.SetValue(options, value);
                Assert.That(property.GetValue(options), Is.EqualTo(value), property.Name + " keeps what it is set to");
            }
        }

        private static void AssertSameOptions(object expected, object actual, string path)
        {
            foreach (var property in Settable(expected.GetType()))
            {
                var name = path + "." + property.Name;
                var want = property.GetValue(expected);
                var got = property.GetValue(actual);
                if (IsNestedOptions(property.PropertyType))
                {
                    Assert.That(got, Is.Not.SameAs(want), name + " is copied, not shared");
                    AssertSameOptions(want!, got!, name);
                }
                else
                {
                    Assert.That(got, Is.EqualTo(want), name + " is carried into the snapshot");
                }
            }
        }

        private static PropertyInfo[] Settable(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite && p.SetMethod!.IsPublic).ToArray();

        private static bool IsNestedOptions(Type type) => type == typeof(TolokaRetryOptions) || type == typeof(TolokaPollingOptions) || type == typeof(TolokaOutcomeOptions);

        /// <summary>A valid value different from <paramref name="current"/>; a type without one here fails, so a new kind of option is noticed.</summary>
        private static object? OtherThanDefault(PropertyInfo property, object? current)
        {
            var type = property.PropertyType;
            object? value = type switch
            {
                _ when type == typeof(TimeSpan) => (TimeSpan)current! + TimeSpan.FromMilliseconds(1),
                _ when type == typeof(int) => (int)current! + 1,
                _ when type == typeof(double) => (double)current! + 0.5,
                _ when type == typeof(bool) => !(bool)current!,
                _ when type == typeof(string) => (string?)current + "-changed",
                _ when type == typeof(TolokaEnvironment) => TolokaEnvironment.Sandbox,
                _ when type == typeof(TimeProvider) => new FakeTimeProvider(),
                _ when type == typeof(Microsoft.Extensions.Logging.ILoggerFactory) => NullLoggerFactory.Instance,
                _ when type == typeof(Func<TolokaRateLimit, System.Threading.RateLimiting.RateLimiter?>) => new Func<TolokaRateLimit, System.Threading.RateLimiting.RateLimiter?>(_ => null),
                _ when type.IsEnum => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(current)),
                _ => null,
            };

            if (value is null)
            {
                Assert.Fail("No test value for option " + property.Name + " of type " + type + ": add one here, and copy the option in TolokaClientOptions.Snapshot.");
            }

            return value;
        }
    }
}
