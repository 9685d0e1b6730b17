using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace ClaimCompare.Cli.Logging;

/// <summary>A Serilog sink that renders events to a <see cref="TextWriter"/> (stderr, or a test's writer).</summary>
internal sealed class WriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
