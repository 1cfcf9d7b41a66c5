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

        public CliOutput(CliHost host, bool json, TokenScrubber scrubber)
        {
            _host = host;
            Json = json;
            Scrubber = scrubber;
            Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = host.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = host.OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = host.OutputIsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
                Out = new AnsiConsoleOutput(host.Output),
            });
            if (!host.OutputIsTerminal)
            {
                Console.Profile.Width = host.Width;
            }
        }

        public bool Json { get; }

        public TokenScrubber Scrubber { get; }

        public IAnsiConsole Console { get; }

        /// <summary>A live progress bar only for a person at a terminal: never in a pipe, a file or JSON mode.</summary>
        public bool ShowsProgress => _host.OutputIsTerminal && !Json;

        public void Error(string message) => _host.Error.WriteLine(Scrubber.Scrub(message));

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
            _host.Output.WriteLine(Scrubber.Scrub(line.ToString(Formatting.None)));
            _host.Output.Flush();
        }

        public void Results(string noun, IReadOnlyList<ItemResult> results)
        {
            if (Json)
            {
                foreach (var result in results)
                {
                    JsonLine(ToJson(result));
                }

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
                    Cell(result.Message));
            }

            Console.Write(table);
        }

        public void Record(IEnumerable<(string Name, string? Value)> fields, JToken json)
        {
            if (Json)
            {
                JsonLine(json);
                return;
            }

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
            _ => "[yellow]stopped[/]",
        };

        private IRenderable Cell(string? text) => new Text(Scrubber.Scrub(text));
    }
}
