using System.CommandLine;
using ClaimCompare.Cli.Commands;
using ClaimCompare.Cli.Logging;
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

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, Console.OpenStandardInput);

    public static int Run(string[] args, TextWriter output, TextWriter error, Func<Stream> standardInput)
    {
        var level = new LoggingLevelSwitch(LogEventLevel.Warning);
        using var logger = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .WriteTo.Sink(new WriterSink(error, new MessageTemplateTextFormatter(LogTemplate, System.Globalization.CultureInfo.InvariantCulture)))
            .CreateLogger();
        var context = new CliContext(output, error, logger)
        {
            UseColor = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
                && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
            StandardInput = standardInput,
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

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Last resort: one line, never a stack trace, unless asked for with -v.
            logger.Fatal(level.MinimumLevel <= LogEventLevel.Debug ? ex : null, "internal error: {Message}", ex.Message);
            return ExitCodes.InputError;
        }
    }
}
