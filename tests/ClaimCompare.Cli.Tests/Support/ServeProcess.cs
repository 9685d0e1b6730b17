using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ClaimCompare.Cli.Tests.Support;

/// <summary>
/// One <c>claimcompare serve</c> process: the CLI this test project built (<c>claimcompare.dll</c> beside the tests), run
/// with <c>dotnet</c> in a process of its own, listening on a port the kernel picks on 127.0.0.1 (<c>--urls
/// http://127.0.0.1:0</c>; the address is read from the service's "Now listening on" line).
/// </summary>
/// <remarks>
/// API keys are given as the service documents it, in <c>Auth__Keys__&lt;key&gt;=&lt;role&gt;</c> environment variables.
/// Disposing kills the process if it still runs; so does the test host's exit (a test that throws before it disposes
/// leaves nothing running). What the process printed is kept (the last lines) for failure messages.
/// </remarks>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    public const string AdminKey = "admin-key-00000000000000001";
    public const string ReviewerKey = "reviewer-key-000000000000001";
    public const string SecondReviewerKey = "reviewer-key-000000000000002";

    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static ServeProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Running.Values)
        {
            KillQuietly(process);
        }
    };

    private ServeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>A name for messages (and the PostgreSQL application name when the test sets one).</summary>
    public string Name { get; }

    /// <summary>The operating system's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process printed (stdout and stderr interleaved).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts <c>claimcompare serve --db <paramref name="database"/></c> and waits until it listens.</summary>
    public static async Task<ServeProcess> StartAsync(string name, string database, string workingDirectory, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "claimcompare.dll"), "serve", "--db", database, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[$"Auth__Keys__{AdminKey}"] = "admin";
        start.Environment[$"Auth__Keys__{ReviewerKey}"] = "reviewer:alice";
        start.Environment[$"Auth__Keys__{SecondReviewerKey}"] = "reviewer:bob";
        start.Environment["RateLimit__PermitLimit"] = "100000";
        // These tests check what is stored, not how fast: on a loaded machine a cold process's first ingests can take
        // longer than the default 30 s budget (the survivor's ingests waiting on a dead session's lock would still fail).
        start.Environment["ClaimCompare__IngestBudgetSeconds"] = "150";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var serve = new ServeProcess(name, process);
        process.OutputDataReceived += (_, e) => serve.Received(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Received(e.Data);
        process.Exited += (_, _) => serve._listening.TrySetException(new InvalidOperationException($"{name} exited before it listened"));
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start");
        }

        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            serve.Address = await serve._listening.Task.WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            var output = serve.Output;
            await serve.DisposeAsync();
            throw new InvalidOperationException($"claimcompare serve ({name}) did not start: {e.Message}. It printed:\n{output}", e);
        }

        return serve;
    }

    /// <summary>Starts several at once; when one fails to start, those that did are killed before the failure is rethrown.</summary>
    public static async Task<ServeProcess[]> StartAllAsync(string workingDirectory, params (string Name, string Database)[] instances)
    {
        var starting = instances.Select(i => StartAsync(i.Name, i.Database, workingDirectory)).ToList();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var task in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await task.Result.DisposeAsync();
            }

            throw;
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }
    }

    public HttpClient Client(string key = AdminKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>kill -9: SIGKILL, no shutdown, no flushing; waits until the process is gone.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
        Running.TryRemove(_process.Id, out _);
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        int id;
        try
        {
            id = _process.Id;
        }
        catch (InvalidOperationException)
        {
            _process.Dispose();
            return;
        }

        if (!_process.HasExited)
        {
            // Ends the service as a stop would (no draining needed: the test is done with it).
            KillQuietly(_process);
            await _process.WaitForExitAsync();
        }

        Running.TryRemove(id, out _);
        _process.Dispose();
    }
}
