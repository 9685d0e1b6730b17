using System.Net;
using System.Security.Cryptography;
using ClaimCompare.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Security;

/// <summary>The service would listen beyond this machine without any API key configured.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);

/// <summary>
/// A first run that works: with no API keys configured, the service makes one reviewer key for this run and prints it
/// once, but only while it listens on loopback alone; bound to any other address it refuses to start.
/// </summary>
/// <remarks>
/// The key is made before the server binds (so no request ever sees an empty key set that then changes) and is kept
/// in memory only. The addresses are checked after binding, as Kestrel resolved them (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>Kestrel:Endpoints</c>), which is the only place every way of configuring them meets; a refusal stops the host
/// before it serves a request.
/// </remarks>
internal sealed partial class FirstRunKey(IOptions<AuthOptions> auth, IServer server, ILogger<FirstRunKey> logger) : IHostedLifecycleService
{
    private string? _key;

    /// <summary>Where the key is printed; the console unless a test says otherwise.</summary>
    public TextWriter Output { get; set; } = Console.Out;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (auth.Value.Keys.Count == 0)
        {
            _key = "cc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            auth.Value.Keys[_key] = Roles.Reviewer + ":reviewer";
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (_key is null)
        {
            return Task.CompletedTask;
        }

        // An in-memory test server has no addresses and no network to be reached from.
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var outside = addresses.Where(a => !IsLoopback(a)).ToList();
        if (outside.Count > 0)
        {
            auth.Value.Keys.Remove(_key);
            throw new StartupRefusedException(
                $"refusing to start: listening on {string.Join(", ", outside)} with no API keys configured. " +
                "Configure keys (Auth__Keys__<key>=reviewer, ingest or admin) or listen on 127.0.0.1 only.");
        }

        var login = addresses.FirstOrDefault() is { } address ? address.TrimEnd('/') + "/login" : "/login";
        MadeKey(logger);
        Output.WriteLine();
        Output.WriteLine("No API keys are configured, so this run made one reviewer key (valid until the service stops):");
        Output.WriteLine();
        Output.WriteLine("    " + _key);
        Output.WriteLine();
        Output.WriteLine($"Open {login} and sign in with it.");
        Output.WriteLine();
        Output.Flush();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys are configured: made one reviewer key for this run, valid until the service stops; it is printed on the console, not logged")]
    private static partial void MadeKey(ILogger logger);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether a bound address (as Kestrel lists it) is reachable from this machine only.</summary>
    internal static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            // "http://+:80" and "http://*:80" do not parse as URIs: they are every interface.
            return false;
        }

        var host = uri.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
