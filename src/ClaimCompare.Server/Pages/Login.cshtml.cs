using System.Security.Claims;
using ClaimCompare.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimCompare.Server.Pages;

/// <summary><c>/login</c>: exchanges an API key for a session cookie.</summary>
public sealed partial class LoginModel(WebKeys keys, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>Where to go after signing in (a local path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the last attempt failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Whether the visitor just signed out.</summary>
    public bool SignedOut { get; private set; }

    public IActionResult OnGet(bool signedOut = false)
    {
        if (User.Identity?.IsAuthenticated == true && User.Identity.AuthenticationType == WebSessions.CookieScheme)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        SignedOut = signedOut;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? apiKey)
    {
        var presented = apiKey?.Trim() ?? string.Empty;
        ClaimsPrincipal? principal = null;
        switch (presented.Length == 0 ? SignInCheck.Unknown : keys.Check(presented, out principal))
        {
            case SignInCheck.Allowed:
                await HttpContext.SignInAsync(WebSessions.CookieScheme, principal!, new AuthenticationProperties { IsPersistent = false }).ConfigureAwait(false);
                var actor = Actor.Of(principal!);
                SignedIn(logger, actor);
                return LocalRedirect(SafeReturnUrl());
            case SignInCheck.WrongRole:
                Error = "This is an ingest key: it can send articles to the API but cannot sign in to the review pages. Use a reviewer or admin key.";
                break;
            default:
                Error = presented.Length == 0 ? "Enter your API key." : "That API key is not valid.";
                break;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} signed in to the review pages")]
    private static partial void SignedIn(ILogger logger, string actor);

    private string SafeReturnUrl() =>
        ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? url : "/review";
}
