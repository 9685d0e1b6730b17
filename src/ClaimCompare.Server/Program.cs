using ClaimCompare.Server.Hosting;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateBootstrapLogger();
try
{
    await using var app = ServerHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (ClaimCompare.Storage.StoreUnavailableException e)
{
    // The database cannot be reached: one line saying which and why, not a stack trace.
    Log.Fatal("{Problem}", e.Message);
    return 1;
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    // A setting is invalid (a short API key, a bad database setting): one line naming it, not a stack trace.
    Log.Fatal("invalid configuration: {Problem}", string.Join("; ", e.Failures));
    return 1;
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "ClaimCompare server terminated unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The service entry point, public for WebApplicationFactory tests.</summary>
public partial class Program;
