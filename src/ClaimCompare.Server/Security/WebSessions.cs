using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ClaimCompare.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Security;

/// <summary>
/// Sign-in for the review pages: an API key is presented once at <c>/login</c> and exchanged for a session cookie
/// (HttpOnly, SameSite=Strict, Secure on https). The API keeps its <c>X-Api-Key</c> header.
/// </summary>
/// <remarks>
/// Which scheme answers a request:
/// <list type="bullet">
/// <item>A request with an <c>X-Api-Key</c> header is always the key's.</item>
/// <item>Under <c>/api</c>, a session cookie is honoured for GET and HEAD only (so a signed-in reviewer can open a
/// report or download an export); an unsafe method needs the header, so the cookie can never be used to change
/// anything outside a page form with its antiforgery token.</item>
/// <item>Challenges under <c>/api</c> stay 401 problem details; on pages they redirect to <c>/login</c>.</item>
/// </list>
/// The cookie holds a fingerprint of the key, checked against the configuration on every request: removing a key
/// (or changing its role) ends its sessions.
/// </remarks>
public static class WebSessions
{
    /// <summary>The session cookie's scheme.</summary>
    public const string CookieScheme = "Session";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "claimcompare.session";

    private const string SelectScheme = "ApiKeyOrSession";
    private const string ChallengeScheme = "ApiKeyOrLogin";
    private const string KeyClaim = "claimcompare:key";

    /// <summary>Adds the cookie scheme and makes the API key and the session cookie share the default schemes.</summary>
    /// <param name="services">The services, after <c>AddAuthentication</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddWebSessions(this IServiceCollection services)
    {
        services.AddSingleton<WebKeys>();
        services.AddAuthentication()
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.IsEssential = true;
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/login";
                options.ReturnUrlParameter = "returnUrl";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = ValidateAsync,
                };
            })
            .AddPolicyScheme(SelectScheme, "API key or session", options => options.ForwardDefaultSelector = SelectForAuthenticate)
            .AddPolicyScheme(ChallengeScheme, "API key or login page", options => options.ForwardDefaultSelector = SelectForChallenge);
        services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultScheme = SelectScheme;
            options.DefaultAuthenticateScheme = SelectScheme;
            options.DefaultChallengeScheme = ChallengeScheme;
            options.DefaultForbidScheme = ChallengeScheme;
            options.DefaultSignInScheme = CookieScheme;
            options.DefaultSignOutScheme = CookieScheme;
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "claimcompare.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__antiforgery";
        });
        return services;
    }

    /// <summary>The principal a session holds for a key.</summary>
    internal static ClaimsPrincipal Principal(string actor, string role, string key) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, actor), new Claim(ClaimTypes.Role, role), new Claim(KeyClaim, Fingerprint(key))],
            CookieScheme));

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static string SelectForAuthenticate(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        var safe = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        return IsApi(context) && !safe ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme;
    }

    private static string SelectForChallenge(HttpContext context) =>
        IsApi(context) || context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            ? ApiKeyAuthenticationHandler.SchemeName
            : CookieScheme;

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<WebKeys>();
        var fingerprint = context.Principal?.FindFirstValue(KeyClaim);
        var role = context.Principal?.FindFirstValue(ClaimTypes.Role);
        if (fingerprint is null || role is null || !keys.StillValid(fingerprint, role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme).ConfigureAwait(false);
        }
    }

    /// <summary>A one-way fingerprint of a key, so the cookie never carries the key itself.</summary>
    internal static string Fingerprint(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("claimcompare-session|" + key)));
}

/// <summary>What a key presented at <c>/login</c> turned out to be.</summary>
public enum SignInCheck
{
    /// <summary>A reviewer or admin key: may sign in.</summary>
    Allowed,

    /// <summary>No such key.</summary>
    Unknown,

    /// <summary>A valid key whose role may not use the review pages (ingest).</summary>
    WrongRole,
}

/// <summary>The configured API keys, as the sign-in page and the session check see them.</summary>
public sealed class WebKeys(IOptions<AuthOptions> options)
{
    /// <summary>Checks a key presented at sign-in.</summary>
    public SignInCheck Check(string presented, out ClaimsPrincipal? principal)
    {
        principal = null;
        foreach (var (key, value) in options.Value.Keys)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(presented))
                || !ApiKeyEntry.TryParse(value, out var entry))
            {
                continue;
            }

            if (entry.Role is not (Roles.Reviewer or Roles.Admin))
            {
                return SignInCheck.WrongRole;
            }

            principal = WebSessions.Principal(entry.ActorName(key), entry.Role, key);
            return SignInCheck.Allowed;
        }

        return SignInCheck.Unknown;
    }

    /// <summary>Whether a session's key is still configured with the same role.</summary>
    public bool StillValid(string fingerprint, string role)
    {
        foreach (var (key, value) in options.Value.Keys)
        {
            if (ApiKeyEntry.TryParse(value, out var entry) && entry.Role == role
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(WebSessions.Fingerprint(key)), Encoding.UTF8.GetBytes(fingerprint)))
            {
                return true;
            }
        }

        return false;
    }
}
