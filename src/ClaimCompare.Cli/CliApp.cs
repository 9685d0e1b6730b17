using System.CommandLine;
using ClaimCompare.Cli.Commands;
using ClaimCompare.Cli.Logging;
using ClaimCompare.Cli.Output;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ClaimCompare.Cli;

/// <summary>The <c>claimcompare</c> command line, runnable in-process with any output writers.</summary>
internal static class CliApp
{
    private const string LogTemplate = "claimcompare: {Level:w}: {Message:lj}{NewLine}{Exception}";

    private static bool IsHelpRequest(string[] args) =>
        Array.Exists(args, a => a is "-h" or "--help" or "-?" or "/?");

    /// <summary>Runs the command line; <paramref name="terminal"/> says which of stdout and stderr are terminals (none by
    /// default); <paramref name="standardInput"/> opens what <c>-</c> reads (the process's standard input by default).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TerminalInfo? terminal = null, Func<Stream>? standardInput = null)
    {
        terminal ??= TerminalInfo.None;
        var level = new LoggingLevelSwitch(LogEventLevel.Warning);
        using var logger = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .WriteTo.Sink(new WriterSink(error, new MessageTemplateTextFormatter(LogTemplate, System.Globalization.CultureInfo.InvariantCulture)))
            .CreateLogger();
        var context = new CliContext(new OutputWriter(output), error, logger)
        {
            UseColor = terminal.OutputIsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
            Terminal = terminal,
            StandardInput = standardInput ?? Console.OpenStandardInput,
        };

        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Write debug diagnostics to stderr.",
            Recursive = true,
        };
        var root = new RootCommand("claimcompare: compare what news outlets say about the same story.")
        {
            SplitCommand.Create(context),
            DedupCommand.Create(context),
            ClaimsCommand.Create(context),
            ReportCommand.Create(context),
            ServeCommand.Create(context),
        };
        root.Options.Add(verbose);

        var parse = root.Parse(args);
        if (parse.GetValue(verbose))
        {
            level.MinimumLevel = LogEventLevel.Debug;
        }

        // Usage errors are one line each on stderr, never the help text on stdout.
        if (parse.Errors.Count > 0 && !IsHelpRequest(args))
        {
            foreach (var parseError in parse.Errors)
            {
                logger.Error("{Problem} (see --help)", string.Join(' ', parseError.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            }

            return ExitCodes.UsageError;
        }

        var debug = level.MinimumLevel <= LogEventLevel.Debug;
        try
        {
            // Our handler below, not System.CommandLine's, which prints the stack trace and exits with the usage code.
            var code = parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = error, EnableDefaultExceptionHandler = false });
            context.Out.Flush();
            return code;
        }
        catch (OutputException ex)
        {
            return Fail(logger, debug ? ex : null, ExitCodes.OutputError, "cannot write the output: {Reason}", ex.Message);
        }
        catch (Exception ex)
        {
            // Last resort: one line, never a stack trace, unless asked for with -v.
            return Fail(logger, debug ? ex : null, ExitCodes.InternalError, "internal error ({Type}): {Reason}", ex.GetType().Name, OneLine(ex.Message));
        }
    }

    private static int Fail(ILogger logger, Exception? detail, int code, string template, params object?[] values)
    {
        try
        {
            logger.Error(detail, template, values);
        }
        catch (IOException)
        {
            // stderr is gone too: the exit code is all that is left.
        }

        return code;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>Which of the standard streams are terminals: colour needs stdout to be one, progress needs stderr.</summary>
internal sealed record TerminalInfo(bool OutputIsTerminal, bool ErrorIsTerminal)
{
    public static TerminalInfo None { get; } = new(false, false);

    public static TerminalInfo FromConsole() => new(!Console.IsOutputRedirected, !Console.IsErrorRedirected);
}
