using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Server.Budgets;
using ClaimCompare.Server.Ingest;
using ClaimCompare.Server.Security;
using ClaimCompare.Server.Stories;
using ClaimCompare.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimCompare.Server.Pages.Stories;

/// <summary>A document of the story, as the page lists it.</summary>
/// <param name="Id">Document id.</param>
/// <param name="Label">Outlet and date.</param>
/// <param name="Title">Headline.</param>
/// <param name="Link">Its URL when it is an http(s) link.</param>
/// <param name="Passages">Passages in it.</param>
public sealed record StoryDocument(string Id, string Label, string? Title, string? Link, int Passages);

/// <summary>A finding of the report with the review item that holds it, if any.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Summary">What is in question, in one line.</param>
/// <param name="Item">Its review item, or null (agreements and single-source claims are not reviewed).</param>
public sealed record StoryFinding(Finding Finding, string Summary, ReviewItem? Item);

/// <summary><c>/stories/{id}</c>: the story's documents by outlet and date and its comparison report with review statuses.</summary>
public sealed partial class StoryModel(IClaimStore store, IngestService ingest, StoryReports reports, ILogger<StoryModel> logger) : PageModel
{
    /// <summary>Most agreements and single-source claims listed; the rest are counted.</summary>
    public const int MaxListed = 100;

    /// <summary>The story, or null when there is none with the id.</summary>
    public StorySummary? Story { get; private set; }

    /// <summary>Its documents, by date then outlet.</summary>
    public IReadOnlyList<StoryDocument> Documents { get; private set; } = [];

    /// <summary>Label of each document id.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    /// <summary>Conflicts, role conflicts and quote variants, with their review items.</summary>
    public IReadOnlyList<StoryFinding> Disputes { get; private set; } = [];

    /// <summary>Agreements.</summary>
    public IReadOnlyList<StoryFinding> Agreements { get; private set; } = [];

    /// <summary>Timelines: one figure (same frame) reported with different values on different days.</summary>
    public IReadOnlyList<StoryFinding> Timelines { get; private set; } = [];

    /// <summary>Claims only one source makes.</summary>
    public IReadOnlyList<StoryFinding> SingleSource { get; private set; } = [];

    /// <summary>The story's review items that no finding of the report matched (the report is recomputed; the queue keeps what ingest raised).</summary>
    public IReadOnlyList<ReviewItem> OtherItems { get; private set; } = [];

    /// <summary>Near-duplicate clusters in the report.</summary>
    public int Clusters { get; private set; }

    /// <summary>A message after a change.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether the signed-in user may delete documents.</summary>
    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync(long id, string? deleted)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Message = deleted is null ? Message : $"Deleted document {deleted}; its review evidence is kept for the record.";
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, string? document)
    {
        if (!IsAdmin)
        {
            // Reviewers decide; only admins manage documents (as in the API).
            await LoadAsync(id).ConfigureAwait(false);
            Message = "Only an admin can delete documents.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (string.IsNullOrWhiteSpace(document) || !await ingest.DeleteAsync(document, Actor.Of(User), HttpContext.RequestAborted).ConfigureAwait(false))
        {
            await LoadAsync(id).ConfigureAwait(false);
            Message = "No such document: nothing was deleted.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var actor = Actor.Of(User);
        Deleted(logger, actor, document);
        return Redirect($"/stories/{id}?deleted={Uri.EscapeDataString(document)}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} deleted document {Document} from the story page")]
    private static partial void Deleted(ILogger logger, string actor, string document);

    private async Task<bool> LoadAsync(long id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Story = await store.GetStoryAsync(id, cancellationToken).ConfigureAwait(false);
        if (Story is null)
        {
            return false;
        }

        var documents = await store.GetStoryDocumentsAsync(id, cancellationToken).ConfigureAwait(false);
        Labels = documents.ToDictionary(d => d.Id, d => SourceNames.Label(d.Id, d.Source, d.Published), StringComparer.Ordinal);
        Documents = [.. documents
            .OrderBy(d => d.Published ?? DateTimeOffset.MaxValue)
            .ThenBy(d => d.Source, StringComparer.OrdinalIgnoreCase)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new StoryDocument(d.Id, Labels[d.Id], d.Title, SourceNames.IsSafeLink(d.Url) ? d.Url : null, d.Passages.Count))];

        ComparisonReport report;
        try
        {
            // The same budgeted path as GET /api/stories/{id}/report: a huge story is refused, not built without bound.
            report = await reports.BuildAsync(id, documents, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BudgetExceededException or ReportTooLargeException)
        {
            Message = $"The comparison report is not shown: {e.Message}";
            report = new ComparisonReport([], [], [], []);
        }

        Clusters = report.Clusters.Count;
        var (items, evidence) = await ItemsAsync(id, cancellationToken).ConfigureAwait(false);
        var byKey = items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var byClaim = new Dictionary<(string Kind, string Document, int Start, int End), ReviewItem>();
        foreach (var item in items)
        {
            foreach (var e in evidence.TryGetValue(item.Id, out var list) ? list : [])
            {
                byClaim.TryAdd((item.Kind, e.Document, e.Evidence.Claim.Start, e.Evidence.Claim.End), item);
            }
        }

        var matched = new HashSet<long>();
        var disputes = new List<StoryFinding>();
        var agreements = new List<StoryFinding>();
        var single = new List<StoryFinding>();
        var timelines = new List<StoryFinding>();
        foreach (var finding in report.Findings)
        {
            var summary = ReviewSummary.Describe(finding.Kind.ToWireName(), finding.Topic, finding.Evidence);
            if (!ReviewItemKey.IsReviewable(finding.Kind))
            {
                var list = finding.Kind switch
                {
                    FindingKind.Agree => agreements,
                    FindingKind.Update => timelines,
                    _ => single,
                };
                list.Add(new StoryFinding(finding, summary, null));
                continue;
            }

            // The same item the ingest filed: by its key, else by a claim it already holds (as the store attaches evidence).
            var item = byKey.GetValueOrDefault(ReviewItemKey.Compute(id, finding));
            item ??= finding.Evidence
                .Select(e => byClaim.GetValueOrDefault((finding.Kind.ToWireName(), e.Document, e.Claim.Start, e.Claim.End)))
                .FirstOrDefault(i => i is not null);
            if (item is not null)
            {
                matched.Add(item.Id);
            }

            disputes.Add(new StoryFinding(finding, summary, item));
        }

        Disputes = disputes;
        Agreements = agreements;
        Timelines = timelines;
        SingleSource = single;
        OtherItems = [.. items.Where(i => !matched.Contains(i.Id))];
        return true;
    }

    private async Task<(List<ReviewItem> Items, IReadOnlyDictionary<long, IReadOnlyList<ReviewEvidence>> Evidence)> ItemsAsync(long storyId, CancellationToken cancellationToken)
    {
        var items = new List<ReviewItem>();
        for (var page = 1; ; page++)
        {
            var batch = await store.ListReviewItemsAsync(new ReviewQuery(null, storyId, null, page, 200), cancellationToken).ConfigureAwait(false);
            items.AddRange(batch.Items);
            if (batch.Items.Count < 200)
            {
                break;
            }
        }

        return (items, await store.GetReviewEvidenceAsync([.. items.Select(i => i.Id)], cancellationToken).ConfigureAwait(false));
    }
}
