using System.Globalization;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Pages.Review;

/// <summary>One row of the queue.</summary>
/// <param name="Item">The item.</param>
/// <param name="Summary">What is in question, in one line.</param>
/// <param name="Sources">Its sources by outlet and date.</param>
public sealed record QueueRow(ReviewItem Item, string Summary, IReadOnlyList<string> Sources);

/// <summary><c>/review</c>: the queue, open items first, with counts by status, filters and paging.</summary>
public sealed class QueueModel(IClaimStore store, IOptions<ServiceOptions> options) : PageModel
{
    /// <summary>Items per page.</summary>
    public const int PageSize = 25;

    /// <summary>Filter: status.</summary>
    public string? Status { get; private set; }

    /// <summary>Filter: kind.</summary>
    public string? Kind { get; private set; }

    /// <summary>Filter: story id.</summary>
    public long? Story { get; private set; }

    /// <summary>Filter: assignee.</summary>
    public string? Assignee { get; private set; }

    /// <summary>Filter: outlet.</summary>
    public string? Outlet { get; private set; }

    /// <summary>Filter: sources published on or after this day.</summary>
    public DateOnly? From { get; private set; }

    /// <summary>Filter: sources published on or before this day.</summary>
    public DateOnly? To { get; private set; }

    /// <summary>Filter: assigned to the signed-in reviewer.</summary>
    public bool Mine { get; private set; }

    /// <summary>The page, from 1.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>The rows of this page.</summary>
    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    /// <summary>Matching items in all.</summary>
    public int Total { get; private set; }

    /// <summary>Matching items by status (other filters applied).</summary>
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    /// <summary>Known outlets, for the outlet filter's suggestions.</summary>
    public IReadOnlyList<string> Outlets { get; private set; } = [];

    /// <summary>Known assignees, for the assignee filter's suggestions.</summary>
    public IReadOnlyList<string> Assignees { get; private set; } = [];

    /// <summary>Filter values that could not be used, with why.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The number of pages.</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(
        string? status, string? kind, string? story, string? assignee, string? outlet, string? from, string? to, bool mine = false, int p = 1)
    {
        var problems = new List<string>();
        Status = Blank(status);
        if (Status is not null && !ReviewStatus.IsValid(Status))
        {
            problems.Add($"“{Status}” is not a status; showing every status.");
            Status = null;
        }

        Kind = Blank(kind);
        if (Kind is not null && !ReviewNames.ReviewKinds.Contains(Kind))
        {
            problems.Add($"“{Kind}” is not a kind of review item; showing every kind.");
            Kind = null;
        }

        if (Blank(story) is { } storyText)
        {
            if (long.TryParse(storyText, NumberStyles.None, CultureInfo.InvariantCulture, out var storyId))
            {
                Story = storyId;
            }
            else
            {
                problems.Add($"“{storyText}” is not a story number; showing every story.");
            }
        }

        Mine = mine;
        Assignee = Mine ? User.Identity?.Name : Blank(assignee);
        Outlet = Blank(outlet);
        From = Day(from, "from", problems);
        To = Day(to, "to", problems);
        PageNumber = Math.Clamp(p, 1, 1_000_000);
        Problems = problems;

        var cancellationToken = HttpContext.RequestAborted;
        var sources = await store.ListSourcesAsync(cancellationToken).ConfigureAwait(false);
        if (Outlet is { } typed && !sources.Contains(typed, StringComparer.Ordinal))
        {
            // The store matches outlets exactly (by its index): a name typed in another case means the stored one.
            Outlet = sources.FirstOrDefault(s => string.Equals(s, typed, StringComparison.OrdinalIgnoreCase)) ?? typed;
        }

        var query = new ReviewQuery(Status, Story, Assignee, PageNumber, PageSize)
        {
            Kind = Kind,
            Outlet = Outlet,
            From = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            To = To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            OpenFirst = true,
        };
        var result = await store.ListReviewItemsAsync(query, cancellationToken).ConfigureAwait(false);
        if (result.Items.Count == 0 && result.Total > 0 && PageNumber > 1)
        {
            // Past the last page (the queue shrank under a filter): show the last page instead of nothing.
            PageNumber = (result.Total + PageSize - 1) / PageSize;
            result = await store.ListReviewItemsAsync(query with { Page = PageNumber }, cancellationToken).ConfigureAwait(false);
        }

        Total = result.Total;
        Counts = await store.CountReviewItemsByStatusAsync(query, cancellationToken).ConfigureAwait(false);
        var evidence = await store.GetReviewEvidenceAsync([.. result.Items.Select(i => i.Id)], cancellationToken).ConfigureAwait(false);
        Rows = [.. result.Items.Select(item =>
        {
            var own = evidence.TryGetValue(item.Id, out var list) ? list : [];
            return new QueueRow(
                item,
                ReviewSummary.Describe(item.Kind, item.Topic, [.. own.Select(e => e.Evidence)]),
                [.. own.Select(SourceNames.Label).Distinct(StringComparer.Ordinal)]);
        })];
        Outlets = [.. sources.Take(options.Value.MaxPageSize * 5)];
        Assignees = await store.ListAssigneesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The query string of the current filters with some values replaced (null removes one).</summary>
    public string Link(params (string Name, string? Value)[] changes)
    {
        var values = new List<KeyValuePair<string, string?>>
        {
            new("status", Status),
            new("kind", Kind),
            new("story", Story?.ToString(CultureInfo.InvariantCulture)),
            new("assignee", Mine ? null : Assignee),
            new("outlet", Outlet),
            new("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("mine", Mine ? "true" : null),
            new("p", PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null),
        };
        foreach (var (name, value) in changes)
        {
            var index = values.FindIndex(v => v.Key == name);
            values[index] = new(name, value);
        }

        var query = Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
        return query.HasValue ? query.Value! : string.Empty;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? Day(string? value, string name, List<string> problems)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add($"“{text}” is not a date (yyyy-MM-dd) for “{name}”; ignored.");
        return null;
    }
}
