using System.CommandLine;
using ClaimCompare.Cli.Input;
using ClaimCompare.Core.Text;
using Serilog;

namespace ClaimCompare.Cli;

/// <summary>Where a command writes, and how it logs: stdout for results, stderr for diagnostics.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, ILogger log)
{
    /// <summary>Opens standard input, for the <c>-</c> argument.</summary>
    public Func<Stream> StandardInput { get; init; } = Console.OpenStandardInput;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public ILogger Log { get; } = log;

    /// <summary>Colour only when stdout is a terminal (and NO_COLOR is unset), never into a pipe or a file.</summary>
    public bool UseColor { get; init; }

    /// <summary>
    /// Validates and loads a command's inputs, runs <paramref name="body"/> on the documents that could be read,
    /// and returns the exit code: 0, or <see cref="ExitCodes.InputError"/> when any input failed.
    /// </summary>
    public int RunWithInputs(ParseResult parse, Argument<string[]> inputs, Option<long> maxBytes, Action<IReadOnlyList<SourceDocument>> body)
    {
        var paths = parse.GetValue(inputs) ?? [];
        foreach (var path in paths)
        {
            // An unknown flag would otherwise be taken for a file name.
            if (path.StartsWith('-') && path != DocumentLoader.StandardInputArgument && !File.Exists(path) && !Directory.Exists(path))
            {
                Log.Error("unknown option {Option} (see --help)", path);
                return ExitCodes.UsageError;
            }
        }

        var limit = parse.GetValue(maxBytes);
        if (limit <= 0)
        {
            Log.Error("--max-bytes must be positive, not {Value}", limit);
            return ExitCodes.UsageError;
        }

        var timer = System.Diagnostics.Stopwatch.StartNew();
        var loaded = new DocumentLoader(Log, limit, StandardInput).Load(paths);
        Log.Debug("Loaded {Documents} documents in {LoadMs} ms", loaded.Documents.Count, timer.ElapsedMilliseconds);
        if (loaded.Documents.Count > 0)
        {
            body(loaded.Documents);
        }

        Out.Flush();
        return loaded.HadErrors ? ExitCodes.InputError : ExitCodes.Success;
    }
}

/// <summary>Process exit codes (DESIGN.md §7).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int UsageError = 1;
    public const int InputError = 2;
}
