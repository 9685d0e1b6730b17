using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Server.Api;
using ClaimCompare.Server.Ingest;
using ClaimCompare.Server.Pages;
using ClaimCompare.Server.Review;
using ClaimCompare.Server.Security;
using ClaimCompare.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Serilog;

namespace ClaimCompare.Server.Hosting;

/// <summary>Settings for starting the service in-process (the CLI's <c>claimcompare serve</c>).</summary>
/// <param name="Urls">Where to listen, e.g. <c>http://127.0.0.1:5080</c> (semicolon-separated for several).</param>
/// <param name="DatabasePath">The database: a SQLite file path, or a PostgreSQL connection string (see <see cref="StoreLocation"/>).</param>
public sealed record ServeSettings(string Urls, string DatabasePath)
{
    /// <summary>Further configuration arguments (<c>--Auth:Keys:...=admin</c> style), passed to the host.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Runs once the server listens (the CLI's <c>serve --ingest</c> loads articles here), before it waits for shutdown.</summary>
    public Func<IServiceProvider, IReadOnlyList<string>, CancellationToken, Task>? AfterStart { get; init; }
}

/// <summary>Builds and runs the ClaimCompare service; used by <c>Program</c> and by the CLI.</summary>
public static class ServerHost
{
    /// <summary>Builds the application: services, options (validated on start), middleware and routes.</summary>
    /// <param name="args">Command-line configuration.</param>
    /// <param name="configure">Extra configuration applied before the app is built (the CLI sets URLs and the database here).</param>
    /// <returns>The app, ready to run.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddClaimCompareServer();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseClaimCompareServer();
        return app;
    }

    /// <summary>Runs the service until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="settings">URLs and database.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>Completes when the server has stopped.</returns>
    public static async Task RunAsync(ServeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var app = Build([.. settings.Args], builder =>
        {
            builder.WebHost.UseUrls(settings.Urls);
            builder.Configuration[$"{ServiceOptions.Section}:{nameof(ServiceOptions.DatabasePath)}"] = settings.DatabasePath;
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        if (settings.AfterStart is { } afterStart)
        {
            await afterStart(app.Services, [.. app.Urls], cancellationToken).ConfigureAwait(false);
        }

        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks that <paramref name="databasePath"/> can serve as the store before the host starts: a SQLite file opens (or
    /// is created), is a SQLite database, migrates and takes a write; a PostgreSQL database is reached, migrates and
    /// takes a write.
    /// </summary>
    /// <param name="databasePath">The database setting: a SQLite file or a PostgreSQL connection string (<see cref="StoreLocation"/>).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Completes when the store is usable.</returns>
    /// <exception cref="OptionsValidationException">The setting is neither a file path nor a valid connection string.</exception>
    /// <exception cref="StoreUnavailableException">It is not usable; the message names the database (never a password) and says why, in one line.</exception>
    public static async Task CheckStoreAsync(string databasePath, CancellationToken cancellationToken)
    {
        if (!StoreLocation.TryParse(databasePath, out var location, out var error))
        {
            throw new OptionsValidationException(ServiceOptions.Section, typeof(ServiceOptions), [$"{nameof(ServiceOptions.DatabasePath)}: {error}"]);
        }

        var name = location.Kind == StoreKind.Sqlite ? databasePath : location.Description;
        try
        {
            var store = location.Kind == StoreKind.Sqlite
                ? new Storage.Sqlite.SqliteClaimStore(new Storage.Sqlite.SqliteStoreOptions { Path = databasePath, BusyTimeout = TimeSpan.FromSeconds(5) })
                : location.Open();
            await using ((IAsyncDisposable)store)
            {
                await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
                await store.ProbeWriteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (StoreUnavailableException)
        {
            // Already one line naming the database (PostgreSQL out of reach, or refusing the login).
            throw;
        }
        catch (Exception e) when (StoreWriteFailures.IsWriteFailure(e) || e is Microsoft.Data.Sqlite.SqliteException || e is Npgsql.NpgsqlException
            || e is InvalidOperationException)
        {
            throw new StoreUnavailableException($"cannot use the database {name}: {StoreWriteFailures.Describe(e)}", e);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Registers every service of ClaimCompare.Server.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder AddClaimCompareServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddSerilog((provider, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(provider).Enrich.FromLogContext();
            // An unreachable database, an address already in use or invalid settings (a short API key) stop the start;
            // whoever started the host reports it in one line (claimcompare serve, Program), so the host's "failed to
            // start" with the stack trace is left out.
            logger.Filter.ByExcluding(e => (e.Exception is StoreUnavailableException or OptionsValidationException
                    || e.Exception is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException })
                && e.Properties.TryGetValue("SourceContext", out var source)
                && source.ToString() == "\"Microsoft.Extensions.Hosting.Internal.Host\"");
            if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
            {
                logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        }, preserveStaticLogger: true);

        services.AddOptions<ServiceOptions>().BindConfiguration(ServiceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServiceOptions>>((kestrel, options) =>
        {
            kestrel.Limits.MaxRequestBodySize = options.Value.MaxBodyBytes;
            kestrel.AddServerHeader = false;
            // Kestrel answers requests over its own limits with an empty body before any middleware runs; with its
            // limits well above RequestLimits', those requests reach the app and get problem details.
            RequestLimits.RaiseServerLimits(kestrel.Limits);
            // What still gets Kestrel's own answer (not HTTP/1.1, malformed framing, over the raised limits) gets a
            // problem-details body from the connection layer.
            kestrel.ConfigureEndpointDefaults(ServerErrorProblems.Use);
        });

        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Type ??= ProblemTypes.For(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            // Never a stack trace or exception message: only what the status says.
            context.ProblemDetails.Extensions.Remove("exception");
        });
        services.AddOpenApi();
        services.AddSingleton<StoreWriteFailures>();
        services.AddSingleton<StoreHealthCheck>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.AddExceptionHandler<StoreFailureHandler>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Ingest, Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Ingest, p => p.RequireRole(Roles.Ingest, Roles.Admin))
            .AddPolicy(Policies.Review, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        // Review pages (Pages/, Security/WebSessions.cs): the session cookie beside the API key, antiforgery, Razor Pages,
        // and the first-run reviewer key on loopback (Security/FirstRunKey.cs).
        services.AddReviewPages();
        services.AddHostedService<FirstRunKey>();

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                // Per key once authenticated; per client address otherwise, so bad keys cannot exhaust a real key's budget.
                var partition = context.User.Identity?.IsAuthenticated == true
                    ? "key:" + context.User.Identity.Name
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "This API key has used its request budget for the current window; retry later.",
                    },
                }).ConfigureAwait(false);
            };
        });

        // SQLite file or PostgreSQL database, as the one setting says (StoreLocation); validated on start.
        services.AddSingleton<IValidateOptions<ServiceOptions>, DatabaseSettingValidator>();
        services.AddSingleton<IClaimStore>(provider => StoreLocation
            .Parse(provider.GetRequiredService<IOptions<ServiceOptions>>().Value.DatabasePath)
            .Open(provider.GetService<IIngestStepHook>()));
        // The cookie keys in the database, shared by every instance on it.
        services.AddStoreKeyRing();
        // On PostgreSQL the engine's state is the database's, shared by every instance; elsewhere in memory.
        services.AddSingleton<IDocumentAnalyzer>(provider => new CoreDocumentAnalyzer(
            provider.GetRequiredService<IOptions<ServiceOptions>>(), provider.GetRequiredService<IClaimStore>()));
        services.AddSingleton<IngestService>();
        services.AddSingleton<Stories.StoryReports>();
        services.AddSingleton<StoreInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<StoreInitializer>());
        return builder;
    }

    /// <summary>Adds the middleware and maps every route.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static WebApplication UseClaimCompareServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception switch
            {
                Microsoft.AspNetCore.Http.BadHttpRequestException bad => bad.StatusCode,
                OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
                _ when StoreWriteFailures.IsWriteFailure(exception) || StoreWriteFailures.IsTransient(exception) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.Use(ResponseHeaders.AddAsync);
        app.UseStatusCodePages();
        app.Use(RequestLimits.CheckAsync);
        app.UseSerilogRequestLogging();
        app.UseReviewAssets();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi().DisableRateLimiting();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = HealthResponse.WriteAsync,
        }).DisableRateLimiting();
        app.MapDocumentsApi();
        app.MapFeedsApi();
        app.MapStoriesApi();
        app.MapReviewApi();
        app.MapReviewExport();
        app.MapReviewPages();
        return app;
    }
}
