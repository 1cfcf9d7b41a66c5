using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Toloka.Cli
{
    /// <summary>
    /// Everything the command prints: a table for people or JSON lines for jq on standard output,
    /// messages on standard error; every line passes through the token scrubber first.
    /// </summary>
    internal sealed class CliOutput
    {
        private readonly CliHost _host;

        // Ids run side by side: one line at a time, whole.
        private readonly object _gate = new();

        private IAnsiConsole? _console;

        public CliOutput(CliHost host, bool json, TokenScrubber scrubber)
        {
            _host = host;
            Json = json;
            Scrubber = scrubber;
        }

        public bool Json { get; }

        public TokenScrubber Scrubber { get; }

        /// <summary>
        /// Spectre.Console, set up on first use: a command whose output is JSON lines never loads it (a
        /// fast start, BENCHMARKS.md).
        /// </summary>
        public IAnsiConsole Console
        {
            get
            {
                lock (_gate)
                {
                    return _console ??= CreateConsole(_host);
                }
            }
        }

        private static IAnsiConsole CreateConsole(CliHost host)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = host.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = host.OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = host.OutputIsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
                Out = new AnsiConsoleOutput(host.Output),
            });
            if (!host.OutputIsTerminal)
            {
                console.Profile.Width = host.Width;
            }

            return console;
        }

        /// <summary>A live progress bar only for a person at a terminal: never in a pipe, a file or JSON mode.</summary>
        public bool ShowsProgress => _host.OutputIsTerminal && !Json;

        public void Error(string message)
        {
            lock (_gate)
            {
                _host.Error.WriteLine(Scrubber.Scrub(message));
                _host.Error.Flush();
            }
        }

        public void Note(string message)
        {
            if (Json)
            {
                Error(message);
            }
            else
            {
                Console.MarkupLine(Markup.Escape(Scrubber.Scrub(message)));
            }
        }

        public void Heading(string text)
        {
            if (!Json)
            {
                Console.WriteLine();
                Console.MarkupLine("[bold]" + Markup.Escape(Scrubber.Scrub(text)) + "[/]");
            }
        }

        public void JsonLine(JToken line)
        {
            lock (_gate)
            {
                _host.Output.WriteLine(Scrubber.Scrub(line.ToString(Formatting.None)));
                _host.Output.Flush();
            }
        }

        /// <summary>One id has ended: with --json its line is written and flushed now, in completion order, so a killed run leaves the record of what finished.</summary>
        public void Item(ItemResult result)
        {
            if (Json)
            {
                JsonLine(ToJson(result));
            }
        }

        /// <summary>The table and the summary at the end, for a person; with --json every line was written as its id ended.</summary>
        public void Results(string noun, IReadOnlyList<ItemResult> results)
        {
            if (Json)
            {
                return;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn(noun);
            table.AddColumn("Result");
            table.AddColumn("New id");
            table.AddColumn("Operation");
            table.AddColumn("Detail");
            foreach (var result in results)
            {
                table.AddRow(
                    Cell(result.Id),
                    new Markup(Styled(result.Outcome)),
                    Cell(result.NewId),
                    Cell(result.OperationId),
                    Cell(Detail(result)));
            }

            Console.Write(table);
            var counts = results.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => g.Count() + " " + ItemResult.Name(g.Key));
            Console.MarkupLine(Markup.Escape(results.Count + " " + noun.ToLowerInvariant() + "(s): " + string.Join(", ", counts)));
        }

        /// <summary>A failed id's message with Toloka's error code beside it, as --json has it.</summary>
        public static string Detail(ItemResult result) =>
            result.Outcome is ItemOutcome.Failed or ItemOutcome.Unknown or ItemOutcome.Quota && !string.IsNullOrEmpty(result.ErrorCode)
                ? result.ErrorCode + ": " + result.Message
                : result.Message;

        public void Record(IEnumerable<(string Name, string? Value)> fields, JToken json)
        {
            StartupTrace.Mark("answer as JSON");
            if (Json)
            {
                JsonLine(json);
                return;
            }

            RecordTable(fields);
        }

        private void RecordTable(IEnumerable<(string Name, string? Value)> fields)
        {
            var table = new Table().Border(TableBorder.Rounded).HideHeaders();
            table.AddColumn("Field");
            table.AddColumn("Value");
            foreach (var (name, value) in fields)
            {
                table.AddRow(new Markup("[grey]" + Markup.Escape(name) + "[/]"), Cell(value));
            }

            Console.Write(table);
        }

        public void Rows(string[] columns, IEnumerable<string?[]> rows, IEnumerable<JToken> json)
        {
            if (Json)
            {
                foreach (var line in json)
                {
                    JsonLine(line);
                }

                return;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in columns)
            {
                table.AddColumn(column);
            }

            foreach (var row in rows)
            {
                table.AddRow(row.Select(Cell).ToArray());
            }

            Console.Write(table);
        }

        public static JObject ToJson(ItemResult result)
        {
            var line = new JObject
            {
                ["id"] = result.Id,
                ["result"] = ItemResult.Name(result.Outcome),
            };
            Add(line, "new_id", result.NewId);
            Add(line, "operation_id", result.OperationId);
            Add(line, "status", result.Status);
            Add(line, "error_code", result.ErrorCode);
            if (result.HttpStatus is int status)
            {
                line["http_status"] = status;
            }

            if (result.ResetsAt is { } resetsAt)
            {
                line["resets_at"] = Time(resetsAt);
            }

            Add(line, "message", result.Message);
            return line;
        }

        public static string Time(DateTimeOffset? value) =>
            value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

        private static void Add(JObject line, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                line[name] = value;
            }
        }

        private static string Styled(ItemOutcome outcome) => outcome switch
        {
            ItemOutcome.Done => "[green]done[/]",
            ItemOutcome.Already => "[blue]already[/]",
            ItemOutcome.Failed => "[red]failed[/]",
            ItemOutcome.Unknown => "[magenta]unknown[/]",
            ItemOutcome.Quota => "[yellow]quota[/]",
            _ => "[yellow]stopped[/]",
        };

        private IRenderable Cell(string? text) => new Text(Scrubber.Scrub(text));
    }
}
