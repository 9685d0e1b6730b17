using System.Reflection;
using ClaimCompare.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.FileProviders;

namespace ClaimCompare.Server.Pages;

/// <summary>The review pages (Razor Pages, rendered on the server) and their static assets.</summary>
public static class ReviewPages
{
    /// <summary>The Content-Security-Policy of every page: scripts and styles from this origin only, nothing inline.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Registers Razor Pages with the session cookie, antiforgery and page authorization.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddReviewPages(this IServiceCollection services)
    {
        services.AddWebSessions();
        // Razor encodes every character outside Basic Latin by default ("“" as "&#x201C;"): valid, but the pages quote
        // articles in any script. Markup characters (< > & " ') are still always encoded.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/", Policies.Review);
                options.Conventions.AllowAnonymousToPage("/Login");
                options.Conventions.AllowAnonymousToPage("/Logout");
                // Razor Pages validate the antiforgery token of every POST; a failure gets a page, not an empty 400.
                options.Conventions.ConfigureFilter(new AntiforgeryFailurePage());
                options.Conventions.ConfigureFilter(new PageSecurityHeaders());
            })
            // The pages are compiled into this assembly; the CLI hosts it too, so it is named as a part explicitly.
            .ConfigureApplicationPartManager(manager =>
            {
                var assembly = typeof(ReviewPages).Assembly;
                if (!manager.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        manager.ApplicationParts.Add(part);
                    }
                }
            });
        return services;
    }

    /// <summary>Serves the pages' stylesheet and script (embedded in this assembly) under <c>/assets</c>.</summary>
    /// <param name="app">The app, before authentication.</param>
    /// <returns>The app.</returns>
    public static WebApplication UseReviewAssets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(ReviewPages).Assembly, "ClaimCompare.Server.wwwroot"),
            RequestPath = "/assets",
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    /// <summary>Maps the pages.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static WebApplication MapReviewPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        return app;
    }

    /// <summary>Names the assembly for diagnostics.</summary>
    internal static Assembly Assembly => typeof(ReviewPages).Assembly;
}

/// <summary>Security headers on every page response.</summary>
internal sealed class PageSecurityHeaders : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ReviewPages.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        // Pages show queue state and article text that changes; never serve them from a shared or stale cache.
        headers.CacheControl = "no-store";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

/// <summary>Turns a failed antiforgery check into a page that says what happened (status 400).</summary>
internal sealed class AntiforgeryFailurePage : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is Microsoft.AspNetCore.Mvc.Core.Infrastructure.IAntiforgeryValidationFailedResult)
        {
            var viewData = new ViewDataDictionary(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState);
            context.Result = new ViewResult
            {
                ViewName = "/Pages/Shared/FormExpired.cshtml",
                ViewData = viewData,
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
