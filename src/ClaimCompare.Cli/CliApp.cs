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

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var level = new LoggingLevelSwitch(LogEventLevel.Warning);
        using var logger = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .WriteTo.Sink(new WriterSink(error, new MessageTemplateTextFormatter(LogTemplate, System.Globalization.CultureInfo.InvariantCulture)))
            .CreateLogger();
        var context = new CliContext(output, error, logger);

        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Write debug diagnostics to stderr.",
            Recursive = true,
        };
        var root = new RootCommand("claimcompare: compare what news outlets say about the same story.")
        {
            SplitCommand.Create(context),
        };
        root.Options.Add(verbose);

        var parse = root.Parse(args);
        if (parse.GetValue(verbose))
        {
            level.MinimumLevel = LogEventLevel.Debug;
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
