using System.Globalization;
using System.Text.Json;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Server.Security;
using ClaimCompare.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimCompare.Server.Pages.Review;

/// <summary>One source's card on an item page.</summary>
/// <param name="Label">Outlet and date (or the document id).</param>
/// <param name="Evidence">The evidence.</param>
/// <param name="Sentence">The sentence split around the claim.</param>
/// <param name="Link">The article's URL when it is an http(s) link, else null.</param>
public sealed record SourceCard(string Label, ReviewEvidence Evidence, HighlightedSentence Sentence, string? Link);

/// <summary>Two sources that print the same passages (copies) or reword them (rewrites).</summary>
/// <param name="A">One source.</param>
/// <param name="B">The other.</param>
/// <param name="Passages">How many passage pairs they share.</param>
/// <param name="Kinds">The pairs by kind (verbatim, near-verbatim, edited, rewrite).</param>
/// <param name="SentenceKind">When the item's sentences themselves are a pair: its kind; else null.</param>
public sealed record SourceLink(string A, string B, int Passages, IReadOnlyList<(string Kind, int Count)> Kinds, string? SentenceKind);

/// <summary>One line of the history.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who.</param>
/// <param name="Action">What (created, evidence-added, assigned, decided).</param>
/// <param name="From">The state before, in words.</param>
/// <param name="To">The state after, in words.</param>
/// <param name="Note">The decision's note, if the change set one.</param>
public sealed record HistoryLine(DateTimeOffset At, string Actor, string Action, string? From, string To, string? Note);

/// <summary><c>/review/{id}</c>: what is in question, each source's own words, the history, and the decision.</summary>
public sealed partial class ReviewItemModel(IClaimStore store, ILogger<ReviewItemModel> logger) : PageModel
{
    /// <summary>Statuses a reviewer decides on this page.</summary>
    public static IReadOnlyList<string> Decisions { get; } = [ReviewStatus.Confirmed, ReviewStatus.Dismissed, ReviewStatus.NeedsInfo];

    /// <summary>The item, or null when there is none with the id.</summary>
    public ReviewItemDetail? Detail { get; private set; }

    /// <summary>What is in question, in one line.</summary>
    public string Summary { get; private set; } = string.Empty;

    /// <summary>One card per source.</summary>
    public IReadOnlyList<SourceCard> Cards { get; private set; } = [];

    /// <summary>For a quote variant: the word diff from the first wording to the second.</summary>
    public IReadOnlyList<DiffSegment> Diff { get; private set; } = [];

    /// <summary>The two wordings the diff compares.</summary>
    public (string From, string To)? DiffSides { get; private set; }

    /// <summary>Sources that copy or reword each other.</summary>
    public IReadOnlyList<SourceLink> Links { get; private set; } = [];

    /// <summary>The audit trail, oldest first.</summary>
    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    /// <summary>A confirmation after a change (from the redirect).</summary>
    public string? Done { get; private set; }

    /// <summary>Set when the reviewer's change was refused because the item had changed since the page was read.</summary>
    public string? Conflict { get; private set; }

    /// <summary>A problem with what the reviewer sent (no status chosen, a note too long).</summary>
    public string? Problem { get; private set; }

    /// <summary>The note to show in the form (kept after a conflict, so nothing typed is lost).</summary>
    public string? DraftNote { get; private set; }

    /// <summary>The status to preselect in the form (kept after a conflict).</summary>
    public string? DraftStatus { get; private set; }

    /// <summary>The signed-in reviewer.</summary>
    public string Me => Actor.Of(User);

    public async Task<IActionResult> OnGetAsync(long id, string? done)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFoundPage();
        }

        Done = done switch
        {
            "decided" => $"Saved: the item is now {ReviewNames.Status(Detail!.Item.Status).ToLowerInvariant()}.",
            "assigned" => Detail!.Item.Assignee is { } who ? $"Saved: assigned to {who}." : "Saved: the item is unassigned.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(long id, string? status, string? note, long version)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (status is null || !Decisions.Contains(status) && status != ReviewStatus.Open)
        {
            return await RefuseAsync(id, "Choose a decision: confirmed, dismissed or needs info.", status, note).ConfigureAwait(false);
        }

        if (note is { Length: > 4000 })
        {
            return await RefuseAsync(id, "The note is longer than 4,000 characters.", status, note).ConfigureAwait(false);
        }

        var result = await store.DecideAsync(id, status, note, version, Me, HttpContext.RequestAborted).ConfigureAwait(false);
        return await AfterUpdateAsync(id, result, "decided", status, note, $"mark it {ReviewNames.Status(status).ToLowerInvariant()}").ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostAssignAsync(long id, string? assignee, string? to, long version)
    {
        // "to" is the button pressed: me, someone (the text field) or nobody.
        var target = to switch
        {
            "me" => Me,
            "nobody" => null,
            _ => string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim(),
        };
        if (to == "someone" && target is null)
        {
            return await RefuseAsync(id, "Enter who to assign the item to.", null, null).ConfigureAwait(false);
        }

        if (target is { Length: > 200 })
        {
            return await RefuseAsync(id, "The assignee is longer than 200 characters.", null, null).ConfigureAwait(false);
        }

        var result = await store.AssignAsync(id, target, version, Me, HttpContext.RequestAborted).ConfigureAwait(false);
        return await AfterUpdateAsync(id, result, "assigned", null, null, target is null ? "unassign it" : $"assign it to {target}").ConfigureAwait(false);
    }

    private async Task<IActionResult> AfterUpdateAsync(long id, ReviewUpdate result, string done, string? status, string? note, string attempted)
    {
        switch (result.Outcome)
        {
            case UpdateOutcome.NotFound:
                return NotFoundPage();
            case UpdateOutcome.VersionMismatch:
                if (!await LoadAsync(id).ConfigureAwait(false))
                {
                    return NotFoundPage();
                }

                var item = Detail!.Item;
                var last = Detail.Audit.Count > 0 ? Detail.Audit[^1] : null;
                var by = last is null ? string.Empty : $" {last.Actor} changed it at {SourceNames.Time(last.At)}:";
                var assigned = item.Assignee is null ? "unassigned" : $"assigned to {item.Assignee}";
                var noted = item.Note is null ? string.Empty : $" with the note “{item.Note}”";
                Conflict = $"Not saved: this item changed while you were reading it, so your change ({attempted}) was not applied.{by} " +
                           $"it is now {ReviewNames.Status(item.Status).ToLowerInvariant()}, {assigned}{noted}. " +
                           "The page below shows the current state; decide again if you still want to.";
                DraftStatus = status;
                DraftNote = note;
                StaleRefused(logger, id, Me, item.Version);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return Redirect($"/review/{id}?done={done}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stale update of review item {Id} by {Actor} refused (now version {Version})")]
    private static partial void StaleRefused(ILogger logger, long id, string actor, long version);

    private async Task<IActionResult> RefuseAsync(long id, string problem, string? status, string? note)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFoundPage();
        }

        Problem = problem;
        DraftStatus = status;
        DraftNote = note;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PageResult NotFoundPage()
    {
        Detail = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Detail = await store.GetReviewItemAsync(id, cancellationToken).ConfigureAwait(false);
        if (Detail is null)
        {
            return false;
        }

        var evidence = Detail.Evidence;
        Summary = ReviewSummary.Describe(Detail.Item.Kind, Detail.Item.Topic, [.. evidence.Select(e => e.Evidence)]);
        Cards = [.. evidence
            .OrderBy(e => e.Published ?? DateTimeOffset.MaxValue)
            .ThenBy(e => e.Outlet ?? e.Document, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Document, StringComparer.Ordinal)
            .Select(e => new SourceCard(SourceNames.Label(e), e, HighlightedSentence.Of(e.Evidence), SourceNames.IsSafeLink(e.Url) ? e.Url : null))];

        if (Detail.Item.Kind == "quote-variant")
        {
            var wordings = evidence.Select(e => e.Evidence.Claim.Text.Trim()).Distinct(StringComparer.Ordinal).Take(2).ToList();
            if (wordings.Count == 2)
            {
                DiffSides = (wordings[0], wordings[1]);
                Diff = WordDiff.Compute(wordings[0], wordings[1]);
            }
        }

        Links = await LinksAsync(evidence, cancellationToken).ConfigureAwait(false);
        History = [.. Detail.Audit.Select(Describe)];
        return true;
    }

    /// <summary>Near-duplicate passages among the item's sources, per pair, and whether the item's own sentences are among them.</summary>
    private async Task<IReadOnlyList<SourceLink>> LinksAsync(IReadOnlyList<ReviewEvidence> evidence, CancellationToken cancellationToken)
    {
        var documents = evidence.Select(e => e.Document).Distinct(StringComparer.Ordinal).ToList();
        if (documents.Count < 2)
        {
            return [];
        }

        var labels = evidence.GroupBy(e => e.Document, StringComparer.Ordinal).ToDictionary(g => g.Key, g => SourceNames.Label(g.First()), StringComparer.Ordinal);
        var edges = await store.GetEdgesAsync(documents, cancellationToken).ConfigureAwait(false);
        var links = new List<SourceLink>();
        foreach (var pair in edges
            .Where(e => e.Document != e.OtherDocument)
            .GroupBy(e => string.CompareOrdinal(e.Document, e.OtherDocument) < 0 ? (e.Document, e.OtherDocument) : (e.OtherDocument, e.Document)))
        {
            var kinds = pair.GroupBy(e => e.Kind, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).OrderByDescending(k => k.Item2).ToList();
            string? sentenceKind = null;
            foreach (var edge in pair)
            {
                if (Covers(evidence, edge.Document, edge.Span) && Covers(evidence, edge.OtherDocument, edge.OtherSpan))
                {
                    sentenceKind = edge.Kind;
                    break;
                }
            }

            links.Add(new SourceLink(labels[pair.Key.Item1], labels[pair.Key.Item2], pair.Count(), kinds, sentenceKind));
        }

        return [.. links.OrderByDescending(l => l.SentenceKind is not null).ThenByDescending(l => l.Passages)];
    }

    private static bool Covers(IReadOnlyList<ReviewEvidence> evidence, string document, Core.Comparison.SourceSpan span) =>
        evidence.Any(e => e.Document == document && e.Evidence.Sentence.Start < span.End && span.Start < e.Evidence.Sentence.End);

    private static HistoryLine Describe(AuditEntry entry)
    {
        var before = State(entry.Before);
        var after = State(entry.After)!.Value;
        string? from = before is { } b ? Words(b) : null;
        var note = entry.Action == "decided" ? after.Note : null;
        return new HistoryLine(entry.At, entry.Actor, entry.Action, from, Words(after), note);

        static string Words((string? Status, string? Assignee, string? Note, int Evidence) state) =>
            $"{ReviewNames.Status(state.Status ?? "?").ToLowerInvariant()}, {(state.Assignee is null ? "unassigned" : "assigned to " + state.Assignee)}, " +
            $"{state.Evidence.ToString(CultureInfo.InvariantCulture)} evidence";
    }

    private static (string? Status, string? Assignee, string? Note, int Evidence)? State(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return (Text(root, "status"), Text(root, "assignee"), Text(root, "note"),
            root.TryGetProperty("evidenceCount", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : 0);

        static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
