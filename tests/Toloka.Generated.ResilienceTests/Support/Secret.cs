using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;

namespace Toloka.Generated.ResilienceTests.Support
{
    /// <summary>
    /// The token every suite sends, and a ledger of every string the suites scanned for it. The token
    /// is distinctive (letters, digits and dashes only), so escaping in JSON, URLs or headers cannot
    /// hide it, and one search finds the bare token and the <c>OAuth &lt;token&gt;</c> form alike.
    /// </summary>
    internal static class Secret
    {
        public const string Token = "AQAD-S3cr3t-7Q2xZ9-n0tInAnyLog-4e1f9a";

        public const string HeaderValue = "OAuth " + Token;

        private static readonly ConcurrentDictionary<string, long> ScannedBySuite = new();
        private static readonly ConcurrentQueue<string> Leaks = new();
        private static long _scanned;

        public static long Scanned => Interlocked.Read(ref _scanned);

        public static IReadOnlyList<string> LeakReports => Leaks.ToArray();

        public static IReadOnlyDictionary<string, long> ScannedPerSuite => ScannedBySuite;

        /// <summary>How often the token occurs in <paramref name="text"/>, also with whitespace, quotes and escapes removed (a token split by a line break still counts).</summary>
        public static int Occurrences(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return 0;
            }

            var plain = Count(text, Token);
            var joined = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (!char.IsWhiteSpace(c) && c != '"' && c != '\'' && c != '\\' && c != '\0')
                {
                    joined.Append(c);
                }
            }

            return Math.Max(plain, Count(joined.ToString(), Token));
        }

        /// <summary>Scans one string and records it; a hit is recorded with where it came from (the token masked).</summary>
        public static int Scan(string suite, string origin, string? text)
        {
            Interlocked.Increment(ref _scanned);
            ScannedBySuite.AddOrUpdate(suite, 1, (_, n) => n + 1);
            var hits = Occurrences(text);
            if (hits > 0)
            {
                Leaks.Enqueue(suite + ": " + origin + ": " + Mask(text!));
            }

            return hits;
        }

        /// <summary>
        /// Scans every string an exception exposes: message, ToString(), the inner exceptions, and each
        /// public property that is text, a header collection or a JSON payload.
        /// </summary>
        /// <returns>How many times the token occurred.</returns>
        public static int ScanException(string suite, string origin, Exception exception)
        {
            var hits = 0;
            var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
            for (var current = exception; current is not null && seen.Add(current); current = current.InnerException)
            {
                var name = origin + " " + current.GetType().Name;
                hits += Scan(suite, name + ".Message", current.Message);
                hits += Scan(suite, name + ".ToString()", current.ToString());
                foreach (DictionaryEntry entry in current.Data)
                {
                    hits += Scan(suite, name + ".Data", entry.Key + "=" + entry.Value);
                }

                foreach (var property in current.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
                {
                    if (property.GetIndexParameters().Length > 0 || property.Name is "Message" or "StackTrace" or "Source" or "TargetSite" or "Data" or "InnerException" or "HelpLink" or "Operation" or "LastKnown")
                    {
                        continue;
                    }

                    hits += ScanValue(suite, name + "." + property.Name, property.GetValue(current));
                }

                if (current is AggregateException aggregate)
                {
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        hits += ScanException(suite, name + " inner", inner);
                    }
                }
            }

            return hits;
        }

        /// <summary>Scans a header collection: names and values.</summary>
        public static int ScanHeaders(string suite, string origin, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers)
        {
            if (headers is null)
            {
                return 0;
            }

            var hits = 0;
            foreach (var header in headers)
            {
                hits += Scan(suite, origin + " header", header.Key + ": " + string.Join(", ", header.Value));
            }

            return hits;
        }

        private static int ScanValue(string suite, string origin, object? value)
        {
            switch (value)
            {
                case null:
                    return 0;
                case string text:
                    return Scan(suite, origin, text);
                case IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers:
                    return ScanHeaders(suite, origin, headers);
                case Exception:
                    return 0; // reached through InnerException
                default:
                    var type = value.GetType();
                    if (type.IsPrimitive || type.IsEnum || value is TimeSpan || value is DateTimeOffset || value is DateTime)
                    {
                        return 0;
                    }

                    // JSON payloads (JObject) and anything else the library keeps: its text.
                    return Scan(suite, origin, value.ToString());
            }
        }

        private static int Count(string text, string token)
        {
            var count = 0;
            for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + token.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        private static string Mask(string text)
        {
            var masked = text.Replace(Token, "<TOKEN>", StringComparison.Ordinal);
            return masked.Length > 300 ? string.Concat(masked.AsSpan(0, 300), "...") : masked;
        }
    }
}
