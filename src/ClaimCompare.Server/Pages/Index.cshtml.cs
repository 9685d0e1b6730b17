using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimCompare.Server.Pages;

/// <summary><c>/</c>: the review queue (a signed-out visitor is sent to <c>/login</c> first by the page authorization).</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/review");
}
