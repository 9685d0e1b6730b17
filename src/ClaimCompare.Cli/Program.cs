using System.Runtime;
using System.Text;
using ClaimCompare.Cli;

// Commands run without the background GC (see the project file); `split` turns it back on for itself.
GCSettings.LatencyMode = GCLatencyMode.Batch;
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

// stdout through one buffered writer (the console's own flushes on every write), flushed by the command.
var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { AutoFlush = false };
var code = CliApp.Run(args, stdout, Console.Error, TerminalInfo.FromConsole());
try
{
    stdout.Dispose();
}
catch (IOException)
{
    // Already reported: the command flushes its output and maps a failed write to the output-error code.
}

return code;
