using System.CommandLine;
using ClaimCompare.Cli.Input;
using ClaimCompare.Core.Ingest;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Ingest;
using ClaimCompare.Server.Security;
using ClaimCompare.Storage;
using Microsoft.Extensions.DependencyInjection;
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
            Description = "The database, migrated on start: a PostgreSQL connection string (postgres://user:password@host:port/database or Host=...;Database=...), or else a SQLite file, created when missing.",
            DefaultValueFactory = _ => "claimcompare.db",
        };
        var ingest = new Option<string[]>("--ingest")
        {
            Description = "Article files or folders (as for report) to ingest once the service has started; a folder's sources.json names the story.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var maxBytes = CommonOptions.MaxBytes();
        var command = new Command("serve",
            "Run the HTTP service and the review pages: ingest, near-duplicates, stories, reports and the review queue. " +
            "API keys come from Auth__Keys__<key>=<role>; with none, on loopback, one reviewer key is made and printed.")
        {
            urls, db, ingest, maxBytes,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var preload = Array.Empty<SourceDocument>() as IReadOnlyList<SourceDocument>;
            var inputs = parse.GetValue(ingest) ?? [];
            if (inputs.Length > 0)
            {
                // Unreadable input stops the start: nothing is served half-loaded, and each problem was logged as one line.
                var loaded = new DocumentLoader(context.Log, parse.GetValue(maxBytes)).Load(inputs);
                if (loaded.HadErrors)
                {
                    return ExitCodes.InputError;
                }

                preload = loaded.Documents;
            }

            var settings = new ServeSettings(parse.GetValue(urls)!, parse.GetValue(db)!)
            {
                AfterStart = preload.Count == 0 ? null : (services, addresses, ct) => IngestAsync(context, preload, services, addresses, ct),
            };
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
                // One line naming the database (a file, or PostgreSQL's user@host:port/database, never a password) and why.
                context.Log.Error("{Problem}", ex.Message);
                return ExitCodes.InputError;
            }
            catch (StartupRefusedException ex)
            {
                context.Log.Error("{Problem}", ex.Message);
                return ExitCodes.UsageError;
            }
            catch (IOException ex)
            {
                context.Log.Error("cannot start the service: {Problem}", ex.Message);
                return ExitCodes.InputError;
            }
        });
        return command;
    }

    /// <summary>Ingests the loaded articles in this process (no API key needed), then names the page to open.</summary>
    private static async Task IngestAsync(
        CliContext context, IReadOnlyList<SourceDocument> documents, IServiceProvider services, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        var service = services.GetRequiredService<IngestService>();
        var stories = new HashSet<long>();
        var created = 0;
        var items = 0;
        foreach (var document in documents)
        {
            var result = await service.IngestAsync(new IngestCommand(
                document.Outlet ?? document.Id,
                document.Url,
                document.Date is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                document.Title,
                document.Text,
                StoryKeyOf(document)), "cli-ingest", cancellationToken).ConfigureAwait(false);
            stories.Add(result.Outcome.StoryId);
            created += result.Outcome.Duplicate ? 0 : 1;
            items += result.Outcome.CreatedReviewItems.Count;
        }

        var address = addresses.Count == 0 ? string.Empty : addresses[0].TrimEnd('/');
        await context.Out.WriteLineAsync(
            $"Ingested {created} new of {documents.Count} articles into {stories.Count} {(stories.Count == 1 ? "story" : "stories")} " +
            $"({items} new review items). Open {address}/review to review them.").ConfigureAwait(false);
        await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The story a file belongs to: its folder manifest's story, else its folder's name.</summary>
    private static string? StoryKeyOf(SourceDocument document)
    {
        var folder = document.Path is { } path ? Path.GetDirectoryName(Path.GetFullPath(path)) : null;
        if (folder is null)
        {
            return null;
        }

        var manifest = Path.Combine(folder, SourceManifest.FileName);
        if (File.Exists(manifest))
        {
            try
            {
                if (SourceManifest.Parse(File.ReadAllText(manifest)).Story is { Length: > 0 } story)
                {
                    return story;
                }
            }
            catch (FormatException)
            {
                // The loader already reported a bad manifest; the folder name still groups its files.
            }
        }

        return Path.GetFileName(folder);
    }
}
