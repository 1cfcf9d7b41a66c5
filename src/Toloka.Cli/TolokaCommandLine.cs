using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.Threading;
using System.Threading.Tasks;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// The `toloka` command tree on System.CommandLine, and the one entry point both the process and
    /// the tests call: arguments, streams and environment in, exit code out.
    /// </summary>
    internal sealed class TolokaCommandLine
    {
        private readonly CliHost _host;
        private const string DemoDescription =
            "Start a fake Toloka on 127.0.0.1 and run the relaunch and retire workflows against it with these same commands; needs no API key.";

        private readonly GlobalOptions _globals = new();

        private TolokaCommandLine(CliHost host)
        {
            _host = host;
        }

        /// <summary>Runs one command line; cancelling <paramref name="cancellationToken"/> is Ctrl+C or SIGTERM.</summary>
        public static async Task<int> RunAsync(IReadOnlyList<string> args, CliHost host, CancellationToken cancellationToken)
        {
            var commandLine = new TolokaCommandLine(host);
            var root = commandLine.Build(args);
            StartupTrace.Mark("command tree built");
            var parse = root.Parse(args);
            StartupTrace.Mark("parsed");
            if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
            {
                foreach (var error in parse.Errors)
                {
                    host.Error.WriteLine(new TokenScrubber(host.Variable(CliSession.ApiKeyVariable), host.Variable(CliSession.TokenVariable)).Scrub(error.Message));
                }

                host.Error.WriteLine("Run 'toloka --help' for usage.");
                return ExitCodes.Usage;
            }

            var invocation = new InvocationConfiguration
            {
                Output = host.Output,
                Error = host.Error,
                EnableDefaultExceptionHandler = false,

                // Program.cs owns the signals: they cancel the token, and the command reports and exits 130.
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }

        private RootCommand Build(IReadOnlyList<string> args)
        {
            var root = new RootCommand(
                "Relaunch and retire Toloka pools and training pools from the shell, in bulk, with progress. " +
                "The credential is the API key from your Toloka profile (Integrations) in TOLOKA_API_KEY or --token-file " +
                "(an old OAuth token goes in TOLOKA_TOKEN) and is never printed. " +
                "Try 'toloka demo' first: it needs no credential.\n\n" + ExitCodes.Help);
            _globals.AddTo(root);
            root.Subcommands.Add(Group(args, "pool", "Clone, open, close, archive, read and list pools.", description => LifecycleGroup(PoolKind.Pool, description)));
            root.Subcommands.Add(Group(args, "training", "Clone, open, close, archive, read and list training pools.", description => LifecycleGroup(PoolKind.Training, description)));
            root.Subcommands.Add(Group(args, "operation", "Read, wait for, list and read the logs of Toloka operations.", OperationGroup));
            root.Subcommands.Add(Group(args, "demo", DemoDescription, _ => DemoCommand()));
            return root;
        }

        /// <summary>
        /// The group the line names, built in full; any other group is only its name and description (all
        /// that the root's help and its typo suggestions show), since a line can reach no command of a group
        /// whose name it does not hold. Building every command's options is a good part of a start (BENCHMARKS.md).
        /// A response file (@file) or a directive ([suggest]) can name anything: then every group is built.
        /// </summary>
        private static Command Group(IReadOnlyList<string> args, string name, string description, Func<string, Command> build)
        {
            foreach (var arg in args)
            {
                if (arg == name || arg.StartsWith('@') || arg.StartsWith('['))
                {
                    return build(description);
                }
            }

            return new Command(name, description);
        }

        private Command LifecycleGroup(PoolKind kind, string description)
        {
            var group = new Command(kind.Command, description);
            var noun = kind.Command == "pool" ? "pool" : "training pool";

            var wait = new Option<bool>("--wait") { Description = "Wait for each clone to finish and report the new id." };
            var openAfter = new Option<bool>("--open") { Description = "Open each clone once it is ready (implies --wait)." };
            var clone = BulkCommand("clone", "Clone " + noun + "s; the new id is in the report once the clone is done. A clone whose answer was lost is looked for in Toloka's operations before anything is sent again.", kind.Noun, (id, parse, item, ct) =>
                Cloning.CloneAsync(kind, id, item, parse.GetValue(wait), parse.GetValue(openAfter), ct), wait, openAfter);
            group.Subcommands.Add(clone);

            var closeFirst = new Option<bool>("--close") { Description = "Close each one first if it is open (Toloka archives only closed ones)." };
            group.Subcommands.Add(BulkCommand("archive", "Archive " + noun + "s and wait; an archived one reports 'already'.", kind.Noun, (id, parse, item, ct) =>
                Lifecycle.ArchiveAsync(kind, id, item, parse.GetValue(closeFirst), ct), closeFirst));
            group.Subcommands.Add(BulkCommand("open", "Open " + noun + "s and wait; an open one reports 'already'.", kind.Noun, (id, _, item, ct) =>
                Lifecycle.OpenAsync(kind, id, item, ct)));
            group.Subcommands.Add(BulkCommand("close", "Close " + noun + "s and wait; a closed one reports 'already'.", kind.Noun, (id, _, item, ct) =>
                Lifecycle.CloseAsync(kind, id, item, ct)));

            var idArgument = new Argument<string>("id") { Description = "The " + noun + "'s id." };
            var get = new Command("get", "Show one " + noun + ".") { idArgument };
            get.SetAction((parse, ct) => Execute(parse, (session, token) => Lifecycle.GetAsync(kind, parse.GetValue(idArgument)!, session, token), ct, kind.Model));
            group.Subcommands.Add(get);

            var filters = new PoolFilters();
            var list = new Command("list", "List " + noun + "s by project, status, creation and last opening; --json gives one object a line, for a pipe into 'toloka " + kind.Command + " archive -'.");
            filters.AddTo(list);
            list.SetAction((parse, ct) => Execute(parse, (session, token) => PoolListing.ListAsync(kind, filters.Read(parse), session, token), ct, kind.Model));
            group.Subcommands.Add(list);
            return group;
        }

        private Command OperationGroup(string description)
        {
            var group = new Command("operation", description);

            var idArgument = new Argument<string>("id") { Description = "The operation's id." };
            var get = new Command("get", "Show one operation.") { idArgument };
            get.SetAction((parse, ct) => Execute(parse, (session, token) => Operations.GetAsync(parse.GetValue(idArgument)!, session, token), ct, typeof(Operation)));
            group.Subcommands.Add(get);

            group.Subcommands.Add(BulkCommand("wait", "Wait for operations to finish; a failed operation fails its id.", "Operation", (id, _, item, ct) =>
                Operations.WaitAsync(id, item, ct)));

            var filters = new OperationFilters();
            var list = new Command("list", "List operations, newest filters first: type, status, submitted and finished ranges.");
            filters.AddTo(list);
            list.SetAction((parse, ct) => Execute(parse, (session, token) => Operations.ListAsync(filters.Read(parse), session, token), ct, typeof(Operation)));
            group.Subcommands.Add(list);

            var logId = new Argument<string>("id") { Description = "The operation's id." };
            var log = new Command("log", "Show what an operation did, one item per object it created or changed.") { logId };
            log.SetAction((parse, ct) => Execute(parse, (session, token) => Operations.LogAsync(parse.GetValue(logId)!, session, token), ct));
            group.Subcommands.Add(log);
            return group;
        }

        private Command DemoCommand()
        {
            var demo = new Command("demo", DemoDescription);
            demo.SetAction((parse, ct) => Execute(parse, (session, token) => Demo.RunAsync(_host, session.Output, parse.GetValue(_globals.Json), token), ct));
            return demo;
        }

        private Command BulkCommand(string name, string description, string noun, Func<string, ParseResult, ItemContext, CancellationToken, Task<ItemResult>> work, params Option[] options)
        {
            var ids = new Argument<string[]>("ids")
            {
                Description = "Ids, separated by spaces; '-' reads them from standard input.",
                Arity = ArgumentArity.ZeroOrMore,
            };
            var fromFile = new Option<string?>("--from-file") { Description = "Also read ids from this file (whitespace or comma separated, # comments)." };
            var bulk = new BulkCommandOptions();
            var command = new Command(name, description) { ids, fromFile };
            bulk.AddTo(command);
            foreach (var option in options)
            {
                command.Options.Add(option);
            }

            command.SetAction((parse, ct) => Execute(parse, (session, token) =>
            {
                var list = IdSource.Read(parse.GetValue(ids), parse.GetValue(fromFile), _host.Input);
                return bulk.RunAsync(parse, _globals, session, noun, name == "clone", list, (id, item, c) => work(id, parse, item, c), token);
            }, ct, typeof(Operation)));
            return command;
        }

        /// <param name="parse">The command line.</param>
        /// <param name="body">The command's work, given the session.</param>
        /// <param name="cancellationToken">Ctrl+C or SIGTERM.</param>
        /// <param name="models">The models the command's answers bind to: their contracts are built in the background meanwhile.</param>
        private async Task<int> Execute(ParseResult parse, Func<CliSession, CancellationToken, Task<int>> body, CancellationToken cancellationToken, params Type[] models)
        {
            if (models.Length > 0)
            {
                ModelContracts.PrepareInBackground(models);
            }

            CliSession? session = null;
            var scrubber = new TokenScrubber(_host.Variable(CliSession.ApiKeyVariable), _host.Variable(CliSession.TokenVariable));
            try
            {
                session = CliSession.Open(parse, _globals, _host);
                StartupTrace.Mark("session open");
                scrubber = session.Output.Scrubber;
                return await body(session, cancellationToken).ConfigureAwait(false);
            }
            catch (UsageException e)
            {
                _host.Error.WriteLine(scrubber.Scrub(e.Message));
                return ExitCodes.Usage;
            }
            catch (TolokaAuthenticationException e)
            {
                _host.Error.WriteLine(scrubber.Scrub("Authentication failed (" + (e.ErrorCode ?? "401") + "): check the credential: TOLOKA_API_KEY (the API key from your Toloka profile, Integrations), TOLOKA_TOKEN (an old OAuth token) or --token-file."));
                return ExitCodes.Authentication;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _host.Error.WriteLine("Stopped by a signal.");
                return ExitCodes.Interrupted;
            }
            catch (TolokaApiException e)
            {
                _host.Error.WriteLine(scrubber.Scrub((e.ErrorCode ?? "HTTP " + e.StatusCode) + ": " + (e.ErrorMessage ?? e.Message)));
                return ExitCodes.SomeFailed;
            }
            catch (ArgumentException e)
            {
                // The client checks ids before sending anything.
                _host.Error.WriteLine(scrubber.Scrub(e.Message));
                return ExitCodes.Usage;
            }
            catch (TolokaException e)
            {
                _host.Error.WriteLine(scrubber.Scrub(e.Message));
                return ExitCodes.SomeFailed;
            }
            finally
            {
                session?.Dispose();
            }
        }
    }
}
