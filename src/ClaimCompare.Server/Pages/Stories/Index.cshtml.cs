using ClaimCompare.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimCompare.Server.Pages.Stories;

/// <summary><c>/stories</c>: stories, newest first.</summary>
public sealed class StoriesModel(IClaimStore store) : PageModel
{
    /// <summary>Stories per page.</summary>
    public const int PageSize = 25;

    /// <summary>This page of stories.</summary>
    public PagedResult<StorySummary> Stories { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>The number of pages.</summary>
    public int Pages => Math.Max(1, (Stories.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(int p = 1) =>
        Stories = await store.ListStoriesAsync(Math.Clamp(p, 1, 1_000_000), PageSize, HttpContext.RequestAborted).ConfigureAwait(false);
}
