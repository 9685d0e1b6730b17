using ClaimCompare.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimCompare.Server.Pages;

/// <summary><c>/logout</c>: ends the session (POST with the antiforgery token; GET only shows the button).</summary>
public sealed class LogoutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebSessions.CookieScheme).ConfigureAwait(false);
        return Redirect("/login?signedOut=true");
    }
}
