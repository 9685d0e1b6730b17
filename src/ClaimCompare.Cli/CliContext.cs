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
        if (Validate(parse, inputs, maxBytes) is not { } loader)
        {
            return ExitCodes.UsageError;
        }

        var timer = System.Diagnostics.Stopwatch.StartNew();
        var loaded = loader.Load(parse.GetValue(inputs) ?? []);
        Log.Debug("Loaded {Documents} documents in {LoadMs} ms", loaded.Documents.Count, timer.ElapsedMilliseconds);
        if (loaded.Documents.Count > 0)
        {
            body(loaded.Documents);
        }

        Out.Flush();
        return loaded.HadErrors ? ExitCodes.InputError : ExitCodes.Success;
    }

    /// <summary>
    /// As <see cref="RunWithInputs"/>, but <paramref name="body"/> gets the documents as they are read, one at a time
    /// (a JSON-lines dump of any size flows through in constant memory); input errors are logged as they occur, and
    /// the exit code reflects them once <paramref name="body"/> has read to the end.
    /// </summary>
    public int RunWithDocumentStream(ParseResult parse, Argument<string[]> inputs, Option<long> maxBytes, Action<IEnumerable<SourceDocument>> body)
    {
        if (Validate(parse, inputs, maxBytes) is not { } loader)
        {
            return ExitCodes.UsageError;
        }

        body(loader.Read(parse.GetValue(inputs) ?? []));
        Out.Flush();
        return loader.HadErrors ? ExitCodes.InputError : ExitCodes.Success;
    }

    private DocumentLoader? Validate(ParseResult parse, Argument<string[]> inputs, Option<long> maxBytes)
    {
        var paths = parse.GetValue(inputs) ?? [];
        foreach (var path in paths)
        {
            // An unknown flag would otherwise be taken for a file name.
            if (path.StartsWith('-') && path != DocumentLoader.StandardInputArgument && !File.Exists(path) && !Directory.Exists(path))
            {
                Log.Error("unknown option {Option} (see --help)", path);
                return null;
            }
        }

        var limit = parse.GetValue(maxBytes);
        if (limit <= 0)
        {
            Log.Error("--max-bytes must be positive, not {Value}", limit);
            return null;
        }

        return new DocumentLoader(Log, limit, StandardInput);
    }
}

/// <summary>Process exit codes (DESIGN.md §7).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int UsageError = 1;
    public const int InputError = 2;
}
