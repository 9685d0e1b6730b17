using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ClaimCompare.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Security;

/// <summary>Roles an API key can have.</summary>
public static class Roles
{
    /// <summary>May ingest documents and read.</summary>
    public const string Ingest = "ingest";

    /// <summary>May work the review queue and read.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>May do everything, including deleting documents.</summary>
    public const string Admin = "admin";

    /// <summary>All roles.</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, Reviewer, Admin];
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Any valid key.</summary>
    public const string Read = "read";

    /// <summary>ingest or admin.</summary>
    public const string Ingest = "ingest";

    /// <summary>reviewer or admin.</summary>
    public const string Review = "review";

    /// <summary>admin only.</summary>
    public const string Admin = "admin";
}

/// <summary>Checks <see cref="AuthOptions"/> at start-up: every role must be known.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, value) in options.Keys)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length < 16)
            {
                failures.Add("Auth:Keys: every API key must be at least 16 characters long.");
            }

            if (!ApiKeyEntry.TryParse(value, out _))
            {
                failures.Add($"Auth:Keys: role '{value}' is not one of {string.Join(", ", Roles.All)} (optionally followed by ':name').");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>A configured key's role and optional actor name.</summary>
internal readonly record struct ApiKeyEntry(string Role, string? Name)
{
    public static bool TryParse(string? value, out ApiKeyEntry entry)
    {
        entry = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var role = (colon < 0 ? value : value[..colon]).Trim().ToLowerInvariant();
        var name = colon < 0 ? null : value[(colon + 1)..].Trim();
        if (!Roles.All.Contains(role, StringComparer.Ordinal) || name is { Length: 0 })
        {
            return false;
        }

        entry = new ApiKeyEntry(role, name);
        return true;
    }

    /// <summary>Who the key acts as in the audit trail: its configured name, else its role and a short hash of it.</summary>
    /// <remarks>The key itself never appears in logs or the audit trail.</remarks>
    public string ActorName(string key) =>
        Name ?? $"{Role}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 4))}";
}

/// <summary>Authenticates requests by the <c>X-Api-Key</c> header against <see cref="AuthOptions.Keys"/>.</summary>
/// <remarks>Challenges and refusals are written as problem details, so a client never gets an empty 401 or 403.</remarks>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = values[0]!;
        foreach (var (key, value) in keys.Value.Keys)
        {
            if (FixedTimeEquals(key, presented) && ApiKeyEntry.TryParse(value, out var entry))
            {
                var actor = entry.ActorName(key);
                var identity = new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, actor), new Claim(ClaimTypes.Role, entry.Role)], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName + " header=\"" + HeaderName + "\"";
        var missing = !Request.Headers.ContainsKey(HeaderName);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = missing ? $"Send an API key in the {HeaderName} header." : "The API key is not valid.",
            },
        }).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Context.User.FindFirstValue(ClaimTypes.Role);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = $"The API key's role '{role}' may not do this.",
            },
        }).ConfigureAwait(false);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

/// <summary>Who is calling.</summary>
internal static class Actor
{
    public static string Of(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
