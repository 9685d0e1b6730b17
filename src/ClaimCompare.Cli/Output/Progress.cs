using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace ClaimCompare.Cli.Output;

/// <summary>
/// A live progress line on stderr (stage, counts, elapsed time) while a command works, only when stderr is a
/// terminal: in a pipe, a file or a test nothing at all is written.
/// </summary>
/// <remarks>
/// Spectre.Console draws it on a thread of its own; the command only bumps counters (thread-safe). It is cleared when
/// the command finishes or moves on to writing its results, so it never mixes with results on the same terminal.
/// </remarks>
internal sealed class Progress : IDisposable
{
    private static readonly Progress Inert = new();

    private readonly string? _command;
    private readonly string? _unit;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ManualResetEventSlim? _done;
    private readonly Thread? _renderer;
    private string _stage = "";
    private long _count;
    private long _total;
    private long _chars;

    private Progress()
    {
    }

    private Progress(TextWriter error, string command, string unit)
    {
        _command = command;
        _unit = unit;
        _done = new ManualResetEventSlim();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(error),
        });
        using var started = new ManualResetEventSlim();
        _renderer = new Thread(() => Render(console, started))
        {
            IsBackground = true,
            Name = "claimcompare progress",
        };
        _renderer.Start();
        started.Wait();
    }

    /// <summary>Starts progress for <paramref name="command"/> counting <paramref name="unit"/>, or an inert one.</summary>
    /// <param name="context">The command's context: progress is shown only when its stderr is a terminal.</param>
    /// <param name="command">The command's name.</param>
    /// <param name="unit">What is counted ("documents").</param>
    /// <param name="streamsOutput">True when results are written while the command works: then nothing is shown when
    /// stdout is the terminal too, since the results are their own progress.</param>
    public static Progress Start(CliContext context, string command, string unit, bool streamsOutput = false)
    {
        var show = context.Terminal.ErrorIsTerminal && !(streamsOutput && context.Terminal.OutputIsTerminal)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CLAIMCOMPARE_NO_PROGRESS"));
        return show ? new Progress(context.Error, command, unit) : Inert;
    }

    /// <summary>Moves on to <paramref name="stage"/>, with <paramref name="total"/> items when known.</summary>
    public void Stage(string stage, long total = 0)
    {
        Volatile.Write(ref _stage, stage);
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _chars, 0);
        Interlocked.Exchange(ref _total, total);
    }

    /// <summary>Counts one more item of <paramref name="chars"/> characters.</summary>
    public void Advance(long chars = 0)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _chars, chars);
    }

    /// <summary>Clears the progress line (before the results are written); further updates are ignored.</summary>
    public void Dispose()
    {
        if (_done is null || _done.IsSet)
        {
            return;
        }

        _done.Set();
        _renderer!.Join();
        _done.Dispose();
    }

    private void Render(IAnsiConsole console, ManualResetEventSlim started)
    {
        try
        {
            console.Progress()
                .AutoClear(true)
                .AutoRefresh(false)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask(Markup.Escape(Describe()));
                    task.IsIndeterminate = true;
                    started.Set();
                    while (!_done!.Wait(100))
                    {
                        task.Description = Markup.Escape(Describe());
                        progress.Refresh();
                    }

                    task.StopTask();
                });
        }
        catch (IOException)
        {
            // stderr went away: progress is only a courtesy.
        }
        finally
        {
            started.Set();
        }
    }

    private string Describe()
    {
        var culture = CultureInfo.InvariantCulture;
        var stage = Volatile.Read(ref _stage);
        var count = Interlocked.Read(ref _count);
        var total = Interlocked.Read(ref _total);
        var chars = Interlocked.Read(ref _chars);
        var counted = total > 0
            ? string.Create(culture, $"{count:N0}/{total:N0} {_unit}")
            : count > 0 ? string.Create(culture, $"{count:N0} {_unit}") : "";
        var size = chars > 0 ? string.Create(culture, $", {chars / 1e6:F1} M characters") : "";
        var seconds = _clock.Elapsed.TotalSeconds;
        var rate = chars > 0 && seconds > 0.5 ? string.Create(culture, $" ({chars / 1e6 / seconds:F1} M/s)") : "";
        if (counted.Length == 0)
        {
            return $"{_command}: {stage}";
        }

        return $"{_command}: {(stage.Length > 0 ? stage + ": " : "")}{counted}{size}{rate}";
    }
}
