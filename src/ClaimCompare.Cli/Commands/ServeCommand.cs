using System.CommandLine;
using ClaimCompare.Server.Hosting;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Cli.Commands;

/// <summary><c>claimcompare serve</c>: the HTTP service with its store and review queue, in this process.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (semicolon-separated for several).",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var db = new Option<string>("--db")
        {
            Description = "The SQLite database file; created and migrated on start.",
            DefaultValueFactory = _ => "claimcompare.db",
        };
        var command = new Command("serve", "Run the HTTP service: ingest, near-duplicates, stories, reports and the review queue. API keys come from Auth__Keys__<key>=<role>.")
        {
            urls, db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ServeSettings(parse.GetValue(urls)!, parse.GetValue(db)!);
            try
            {
                // Checked before the host starts, so a bad file is one line rather than the host's start-up failure.
                await ServerHost.CheckStoreAsync(settings.DatabasePath, cancellationToken).ConfigureAwait(false);
                await ServerHost.RunAsync(settings, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Success;
            }
            catch (OptionsValidationException ex)
            {
                context.Log.Error("invalid configuration: {Problem}", string.Join("; ", ex.Failures));
                return ExitCodes.UsageError;
            }
            catch (StoreUnavailableException ex)
            {
                context.Log.Error("cannot use the database {Path}: {Problem}", settings.DatabasePath, ex.Message);
                return ExitCodes.InputError;
            }
            catch (IOException ex)
            {
                context.Log.Error("cannot start the service: {Problem}", ex.Message);
                return ExitCodes.InputError;
            }
        });
        return command;
    }
}
