using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Toloka.Cli
{
    /// <summary>
    /// The --journal file of a bulk command: plain JSON lines, flushed to disk one by one. The first line
    /// says which command, environment and ids it belongs to; then, per id, "sending" (written before the
    /// request goes out), "started" (the operation Toloka answered with) and "ended" (the result). The
    /// file stays locked while the command runs, so a second process given it is refused at once.
    /// </summary>
    internal sealed class BulkJournal : IDisposable
    {
        private const string Kind = "toloka-bulk-journal";

        private readonly FileStream _file;
        private readonly object _gate = new();
        private readonly Dictionary<string, JournalState> _states;

        private BulkJournal(FileStream file, Dictionary<string, JournalState> states)
        {
            _file = file;
            _states = states;
        }

        /// <summary>Opens (or creates) the journal for this command, environment and ids; refuses one in use or written for other work.</summary>
        /// <exception cref="UsageException">The file is locked by another process, unreadable, or belongs to other work.</exception>
        public static BulkJournal Open(string path, string command, string environment, IReadOnlyList<string> ids, DateTimeOffset now)
        {
            var file = Lock(path);
            try
            {
                var text = ReadAll(file);
                var journal = new BulkJournal(file, new Dictionary<string, JournalState>(StringComparer.Ordinal));
                // Empty, or a header cut short by a kill before its line ended: nothing was sent yet.
                if (text.Trim().Length == 0 || (!text.Contains('\n', StringComparison.Ordinal) && Parse(text) is null))
                {
                    journal.Begin(command, environment, ids, now);
                }
                else
                {
                    journal.Resume(path, text, command, environment, ids);
                }

                return journal;
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>What the journal knows of an id from earlier runs.</summary>
        public JournalState StateOf(string id)
        {
            lock (_gate)
            {
                return _states.TryGetValue(id, out var state) ? state : JournalState.NotSent;
            }
        }

        /// <summary>The intent: written and flushed to disk before the id's request is sent.</summary>
        public void Sending(string id, DateTimeOffset at) =>
            Record(id, new JObject { ["id"] = id, ["event"] = "sending", ["at"] = Time(at) });

        /// <summary>Toloka answered with an operation: a rerun waits for it instead of sending again.</summary>
        public void Started(string id, string operationId, DateTimeOffset at) =>
            Record(id, new JObject { ["id"] = id, ["event"] = "started", ["operation_id"] = operationId, ["at"] = Time(at) });

        /// <summary>The id's result, as the --json line reports it.</summary>
        public void Ended(ItemResult result, DateTimeOffset at)
        {
            var record = CliOutput.ToJson(result);
            record.AddFirst(new JProperty("event", "ended"));
            record["at"] = Time(at);
            Record(result.Id, record);
        }

        public void Dispose() => _file.Dispose();

        // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows; the
        // system releases it when the process dies, even by SIGKILL.
        private static FileStream Lock(string path)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or PathTooLongException)
            {
                throw new UsageException("Cannot open the journal " + path + ": " + e.Message);
            }
            catch (IOException e)
            {
                throw new UsageException("The journal " + path + " is in use by another toloka process (" + e.Message + "). Run one process per journal.");
            }
            catch (UnauthorizedAccessException e)
            {
                throw new UsageException("Cannot open the journal " + path + ": " + e.Message);
            }
        }

        // A new journal: the header line naming the work it belongs to.
        private void Begin(string command, string environment, IReadOnlyList<string> ids, DateTimeOffset now)
        {
            _file.SetLength(0);
            Append(new JObject
            {
                ["journal"] = Kind,
                ["version"] = 1,
                ["command"] = command,
                ["environment"] = environment,
                ["ids"] = new JArray(ids),
                ["created"] = Time(now),
            });
        }

        // A journal from an earlier run of this work: what it knows of each id, read back.
        private void Resume(string path, string text, string command, string environment, IReadOnlyList<string> ids)
        {
            var lines = text.Split('\n');
            var header = Parse(lines[0]) ?? throw new UsageException("The journal " + path + " is not a toloka journal (its first line is not one); pass a new file.");
            Check(path, header, command, environment, ids);
            foreach (var line in lines.Skip(1))
            {
                // A run killed mid-write leaves a partial last line: it never happened.
                if (Parse(line) is { } record)
                {
                    Replay(record);
                }
            }

            if (!text.EndsWith('\n'))
            {
                Write("\n");
            }
        }

        private static string ReadAll(FileStream file)
        {
            using var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
            var text = reader.ReadToEnd();
            file.Seek(0, SeekOrigin.End);
            return text;
        }

        private static void Check(string path, JObject header, string command, string environment, IReadOnlyList<string> ids)
        {
            if ((string?)header["journal"] != Kind)
            {
                throw new UsageException("The journal " + path + " is not a toloka journal; pass a new file.");
            }

            var wasCommand = (string?)header["command"];
            if (wasCommand != command)
            {
                throw new UsageException("The journal " + path + " was written for 'toloka " + wasCommand + "', not 'toloka " + command + "'; pass a new file for this command.");
            }

            var wasEnvironment = (string?)header["environment"];
            if (wasEnvironment != environment)
            {
                throw new UsageException("The journal " + path + " was written for Toloka at " + wasEnvironment + ", not " + environment + "; pass a new file for this environment.");
            }

            var wasIds = (header["ids"] as JArray)?.Select(t => (string?)t).ToHashSet(StringComparer.Ordinal) ?? new HashSet<string?>();
            if (!wasIds.SetEquals(ids))
            {
                var added = ids.Where(id => !wasIds.Contains(id)).Take(3).ToList();
                var missing = wasIds.Where(id => id is not null && !ids.Contains(id)).Take(3).ToList();
                throw new UsageException("The journal " + path + " was written for other ids (" + wasIds.Count + " ids" +
                    (added.Count > 0 ? "; not in it: " + string.Join(", ", added) : string.Empty) +
                    (missing.Count > 0 ? "; only in it: " + string.Join(", ", missing) : string.Empty) +
                    "); rerun with the same ids or pass a new file.");
            }
        }

        private static JObject? Parse(string line)
        {
            if (line.Trim().Length == 0)
            {
                return null;
            }

            try
            {
                using var reader = new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None };
                return JToken.ReadFrom(reader) as JObject;
            }
            catch (JsonReaderException)
            {
                return null;
            }
        }

        private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        private static DateTimeOffset? ReadTime(JToken? token) =>
            DateTimeOffset.TryParse((string?)token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

        private void Record(string id, JObject record)
        {
            lock (_gate)
            {
                Append(record);
                Replay(record);
            }
        }

        private void Append(JObject record) => Write(record.ToString(Formatting.None) + "\n");

        private void Write(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            lock (_gate)
            {
                _file.Write(bytes, 0, bytes.Length);
                _file.Flush(flushToDisk: true);
            }
        }

        private void Replay(JObject record)
        {
            var id = (string?)record["id"];
            if (id is null)
            {
                return;
            }

            var previous = _states.TryGetValue(id, out var known) ? known : JournalState.NotSent;
            _states[id] = (string?)record["event"] switch
            {
                "sending" => JournalState.Sent(ReadTime(record["at"]) ?? DateTimeOffset.MinValue),
                "started" => (string?)record["operation_id"] is { } operation ? previous with { Kind = JournalKind.Started, OperationId = operation } : previous,
                "ended" => Ended(record, previous),
                _ => previous,
            };
        }

        private static JournalState Ended(JObject record, JournalState previous)
        {
            var result = ItemResult.FromJson(record);
            return result.Outcome switch
            {
                ItemOutcome.Done or ItemOutcome.Already => new JournalState(JournalKind.Done, previous.SentAt, result.OperationId, result),

                // Toloka refused (nothing was made): the id may be sent again. A failed operation is waited for again (its result is kept).
                ItemOutcome.Failed when result.OperationId is null => JournalState.NotSent,

                // The quota was used up: not sent, or refused by Toloka (a 429: it did not act). Sent again on a later run.
                ItemOutcome.Quota => JournalState.NotSent,
                ItemOutcome.Failed => previous with { Kind = JournalKind.Started, OperationId = result.OperationId },

                // Unknown or stopped: what was known before still holds; the next run resolves or resumes it.
                _ => result.OperationId is { } operation && previous.Kind != JournalKind.NotSent ? previous with { Kind = JournalKind.Started, OperationId = operation } : previous,
            };
        }
    }
}
