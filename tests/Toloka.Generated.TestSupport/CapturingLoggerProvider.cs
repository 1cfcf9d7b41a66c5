using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Toloka.Generated.TestSupport
{
    /// <summary>
    /// A real <see cref="ILoggerProvider"/> that keeps every log record at every level: the formatted
    /// text, each structured state value (what a structured sink such as OpenTelemetry or Serilog
    /// would store even when the text hides it), the scopes around it and the exception logged with it.
    /// </summary>
    internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<CapturedLog> Records { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        /// <summary>Every string the records hold: text, state values, scopes and exceptions.</summary>
        public IEnumerable<(string Origin, string Text)> Strings()
        {
            foreach (var record in Records)
            {
                yield return (record.Category + " text", record.Text);
                foreach (var value in record.Values)
                {
                    yield return (record.Category + " state", value);
                }

                if (record.Exception is not null)
                {
                    yield return (record.Category + " exception", record.Exception);
                }
            }
        }

        private sealed class CapturingLogger : ILogger
        {
            private readonly CapturingLoggerProvider _provider;
            private readonly string _category;

            public CapturingLogger(CapturingLoggerProvider provider, string category)
            {
                _provider = provider;
                _category = category;
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => _provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = new List<string>();
                AddValues(values, state);
                _provider._scopes.ForEachScope((scope, list) => AddValues(list, scope), values);
                var pairs = state as IEnumerable<KeyValuePair<string, object?>>;
                _provider.Records.Enqueue(new CapturedLog(logLevel, _category, eventId, formatter(state, exception), values, pairs is null ? new List<KeyValuePair<string, object?>>() : new List<KeyValuePair<string, object?>>(pairs), exception?.ToString()));
            }

            private static void AddValues(List<string> values, object? state)
            {
                if (state is null)
                {
                    return;
                }

                values.Add(state.ToString() ?? string.Empty);
                if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var pair in pairs)
                    {
                        values.Add(pair.Key + "=" + Describe(pair.Value));
                    }
                }
            }

            private static string Describe(object? value)
            {
                if (value is null or string)
                {
                    return (string?)value ?? string.Empty;
                }

                // Header collections and other sequences: every element, not the type name.
                if (value is IEnumerable sequence)
                {
                    var parts = new List<string>();
                    foreach (var item in sequence)
                    {
                        parts.Add(Describe(item));
                    }

                    return "[" + string.Join(", ", parts) + "]";
                }

                if (value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
                {
                    return type.GetProperty("Key")!.GetValue(value) + ": " + Describe(type.GetProperty("Value")!.GetValue(value));
                }

                return value.ToString() ?? string.Empty;
            }
        }
    }

    /// <summary>One log record: its text, every state and scope value as text (<see cref="Values"/>), and the state's own typed values (<see cref="State"/>).</summary>
    internal sealed record CapturedLog(LogLevel Level, string Category, EventId EventId, string Text, IReadOnlyList<string> Values, IReadOnlyList<KeyValuePair<string, object?>> State, string? Exception)
    {
        /// <summary>The typed value of one named state property, such as a <c>[LoggerMessage]</c> parameter.</summary>
        public object? this[string key] => State.Single(pair => pair.Key == key).Value;
    }
}
