using System.CommandLine;
using ClaimCompare.Cli.Input;
using ClaimCompare.Cli.Output;
using ClaimCompare.Core.Text;
using Serilog;

namespace ClaimCompare.Cli;

/// <summary>Where a command writes, and how it logs: stdout for results, stderr for diagnostics.</summary>
internal sealed class CliContext(OutputWriter output, TextWriter error, ILogger log)
{
    /// <summary>Opens standard input, for the <c>-</c> argument.</summary>
    public Func<Stream> StandardInput { get; init; } = Console.OpenStandardInput;

    public OutputWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public ILogger Log { get; } = log;

    /// <summary>Colour only when stdout is a terminal (and NO_COLOR is unset), never into a pipe or a file.</summary>
    public bool UseColor { get; init; }

    /// <summary>Which standard streams are terminals.</summary>
    public TerminalInfo Terminal { get; init; } = TerminalInfo.None;

    /// <summary>
    /// Validates and loads a command's inputs, runs <paramref name="body"/> on the documents that could be read,
    /// and returns the exit code: 0, or <see cref="ExitCodes.InputError"/> when any input failed.
    /// </summary>
    public int RunWithInputs(
        ParseResult parse, Argument<string[]> inputs, Option<long> maxBytes, Action<IReadOnlyList<SourceDocument>> body, Progress? progress = null)
    {
        if (!TryReadInputs(parse, inputs, maxBytes, out var paths, out var limit, out var usage))
        {
            return usage;
        }

        var timer = System.Diagnostics.Stopwatch.StartNew();
        var documents = new List<SourceDocument>();
        progress?.Stage("reading");
        var loaded = new DocumentLoader(Log, limit, standardInput: StandardInput, onDocument: document =>
        {
            documents.Add(document);
            progress?.Advance(document.Text.Length);
        }).Load(paths);
        Log.Debug("Loaded {Documents} documents in {LoadMs} ms", documents.Count, timer.ElapsedMilliseconds);
        if (documents.Count > 0)
        {
            body(documents);
        }

        Out.Flush();
        return loaded.HadErrors ? ExitCodes.InputError : ExitCodes.Success;
    }

    /// <summary>
    /// Like <see cref="RunWithInputs"/>, but each document goes through the text pipeline on a worker thread as soon as it
    /// is read, while the next ones are read: reading (one thread) and splitting (every core) overlap instead of taking
    /// turns. <paramref name="body"/> gets the processed documents in input order, as <see cref="Pipeline.Process"/> gives them.
    /// </summary>
    public int RunWithProcessedInputs(
        ParseResult parse, Argument<string[]> inputs, Option<long> maxBytes, Action<IReadOnlyList<ProcessedDocument>> body, Progress? progress = null)
    {
        if (!TryReadInputs(parse, inputs, maxBytes, out var paths, out var limit, out var usage))
        {
            return usage;
        }

        var timer = System.Diagnostics.Stopwatch.StartNew();
        var processed = new List<ProcessedDocument>();
        var pipeline = new TextPipeline();
        progress?.Stage("reading and splitting");
        var loaded = OrderedDocumentStream.Run(
            sink => new DocumentLoader(Log, limit, sink.Add, StandardInput, sink.Reserve).Load(paths),
            pipeline.Process,
            document =>
            {
                processed.Add(document);
                progress?.Advance(document.OriginalText.Length);
            },
            window: 256 * Environment.ProcessorCount);
        Log.Debug("Read and split {Documents} documents in {LoadMs} ms", processed.Count, timer.ElapsedMilliseconds);
        if (processed.Count > 0)
        {
            body(processed);
        }

        Out.Flush();
        return loaded.HadErrors ? ExitCodes.InputError : ExitCodes.Success;
    }

    /// <summary>
    /// Like <see cref="RunWithInputs"/>, but document by document: each is read, handed to <paramref name="work"/> on the
    /// worker thread as soon as it is read, and its result to <paramref name="consume"/> on this thread in input order;
    /// at most a few documents are in memory at once. <paramref name="idle"/>, when given, runs on this thread whenever
    /// the next result is not ready (flush buffered output there).
    /// </summary>
    public int RunStreaming<TResult>(
        ParseResult parse, Argument<string[]> inputs, Option<long> maxBytes, Func<SourceDocument, TResult> work, Action<TResult> consume,
        Action? idle = null)
    {
        if (!TryReadInputs(parse, inputs, maxBytes, out var paths, out var limit, out var usage))
        {
            return usage;
        }

        var timer = System.Diagnostics.Stopwatch.StartNew();
        var loaded = OrderedDocumentStream.Run(
            sink => new DocumentLoader(Log, limit, sink.Add, StandardInput, sink.Reserve).Load(paths), work, consume, window: 32 * Environment.ProcessorCount, idle,
            consumerLetsGo: true);
        Log.Debug("Streamed the documents in {ElapsedMs} ms", timer.ElapsedMilliseconds);
        Out.Flush();
        return loaded.HadErrors ? ExitCodes.InputError : ExitCodes.Success;
    }

    private bool TryReadInputs(ParseResult parse, Argument<string[]> inputs, Option<long> maxBytes, out string[] paths, out long limit, out int usage)
    {
        paths = parse.GetValue(inputs) ?? [];
        limit = parse.GetValue(maxBytes);
        usage = ExitCodes.UsageError;
        foreach (var path in paths)
        {
            // An unknown flag would otherwise be taken for a file name.
            if (path.StartsWith('-') && path != DocumentLoader.StandardInputArgument && !File.Exists(path) && !Directory.Exists(path))
            {
                Log.Error("unknown option {Option} (see --help)", path);
                return false;
            }
        }

        if (limit <= 0)
        {
            Log.Error("--max-bytes must be positive, not {Value}", limit);
            return false;
        }

        return true;
    }
}

/// <summary>Process exit codes (DESIGN.md §7).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int UsageError = 1;
    public const int InputError = 2;

    /// <summary>The results could not be written to stdout (disk full, closed pipe).</summary>
    public const int OutputError = 3;

    /// <summary>An unexpected failure inside claimcompare (a bug): one line on stderr, details with -v.</summary>
    public const int InternalError = 4;
}
