using System.Security.Cryptography;
using System.Text;
using ClaimCompare.Core.Comparison;

namespace ClaimCompare.Storage;

/// <summary>Review statuses and their wire names.</summary>
public static class ReviewStatus
{
    /// <summary>New, nobody has looked at it.</summary>
    public const string Open = "open";

    /// <summary>Someone is working on it.</summary>
    public const string InProgress = "in-progress";

    /// <summary>The conflict is real.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>Not a real conflict; a repeat does not reopen it.</summary>
    public const string Dismissed = "dismissed";

    /// <summary>The reviewer needs more information.</summary>
    public const string NeedsInfo = "needs-info";

    /// <summary>All statuses.</summary>
    public static IReadOnlyList<string> All { get; } = [Open, InProgress, Confirmed, Dismissed, NeedsInfo];

    /// <summary>Whether <paramref name="status"/> is a known status (exact, lower case).</summary>
    /// <param name="status">Candidate.</param>
    /// <returns>True for a known status.</returns>
    public static bool IsValid(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);
}

/// <summary>Stable identity of a review item, derived from a finding.</summary>
/// <remarks>
/// Kind + story + normalised topic: the aligned-claim identity the claim aligner reports as its topic.
/// A later article repeating the same conflict in the same story maps to the same key, so it attaches
/// evidence to the existing item instead of opening a second one (and never reopens a dismissed one).
/// </remarks>
public static class ReviewItemKey
{
    /// <summary>Finding kinds that become review items.</summary>
    /// <param name="kind">A finding kind.</param>
    /// <returns>True for conflict, quote-variant and role-conflict.</returns>
    public static bool IsReviewable(FindingKind kind) =>
        kind is FindingKind.Conflict or FindingKind.QuoteVariant or FindingKind.RoleConflict;

    /// <summary>Computes the key.</summary>
    /// <param name="storyId">The story the finding belongs to.</param>
    /// <param name="finding">The finding.</param>
    /// <returns>32 lower-case hex characters.</returns>
    public static string Compute(long storyId, Finding finding)
    {
        var topic = NormalizeTopic(finding.Topic);
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{finding.Kind.ToWireName()}|{storyId}|{topic}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static string NormalizeTopic(string topic)
    {
        var builder = new StringBuilder(topic.Length);
        var space = false;
        foreach (var c in topic.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}

/// <summary>A review-queue item.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Key">Stable key (see <see cref="ReviewItemKey"/>).</param>
/// <param name="StoryId">Its story.</param>
/// <param name="Kind">conflict, quote-variant or role-conflict.</param>
/// <param name="Topic">The finding's topic.</param>
/// <param name="Status">One of <see cref="ReviewStatus.All"/>.</param>
/// <param name="Assignee">Who is assigned, or null.</param>
/// <param name="Note">The last decision's note.</param>
/// <param name="Version">Incremented on every change; the ETag.</param>
/// <param name="CreatedAt">When it was opened.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="EvidenceCount">Evidence entries attached.</param>
public sealed record ReviewItem(
    long Id,
    string Key,
    long StoryId,
    string Kind,
    string Topic,
    string Status,
    string? Assignee,
    string? Note,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int EvidenceCount);

/// <summary>One source's evidence on a review item.</summary>
/// <param name="Document">The source document.</param>
/// <param name="FindingId">The finding that contributed it.</param>
/// <param name="Evidence">The source's own words and spans.</param>
/// <param name="Confidence">The finding's confidence.</param>
/// <param name="Explanation">The finding's explanation.</param>
/// <param name="AddedAt">When it was attached.</param>
public sealed record ReviewEvidence(string Document, long FindingId, Evidence Evidence, double Confidence, string? Explanation, DateTimeOffset AddedAt)
{
    /// <summary>The document's outlet; null when the document has since been deleted.</summary>
    public string? Outlet { get; init; }

    /// <summary>The document's publication time, if known.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>The document's URL, if known.</summary>
    public string? Url { get; init; }

    /// <summary>The document's headline, if known.</summary>
    public string? Title { get; init; }
}

/// <summary>One change to a review item.</summary>
/// <param name="Id">Entry id.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who (an API key's name, or the ingest that attached evidence).</param>
/// <param name="Action">created, evidence-added, assigned or decided.</param>
/// <param name="Before">The item state before (JSON), null for creation.</param>
/// <param name="After">The item state after (JSON).</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Before, string After);

/// <summary>An item with its evidence and audit trail.</summary>
/// <param name="Item">The item.</param>
/// <param name="Evidence">Attached evidence, oldest first.</param>
/// <param name="Audit">Audit trail, oldest first.</param>
public sealed record ReviewItemDetail(ReviewItem Item, IReadOnlyList<ReviewEvidence> Evidence, IReadOnlyList<AuditEntry> Audit);

/// <summary>Filter and paging for the review queue.</summary>
/// <param name="Status">Only this status, or all.</param>
/// <param name="StoryId">Only this story, or all.</param>
/// <param name="Assignee">Only this assignee, or all.</param>
/// <param name="Page">Page number from 1.</param>
/// <param name="PageSize">Items per page.</param>
public sealed record ReviewQuery(string? Status, long? StoryId, string? Assignee, int Page, int PageSize)
{
    /// <summary>Only this kind (conflict, quote-variant, role-conflict), or all.</summary>
    public string? Kind { get; init; }

    /// <summary>Only items with evidence from a document of this outlet (its exact name), or all.</summary>
    public string? Outlet { get; init; }

    /// <summary>Only items with evidence from a document published at or after this time, or all.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only items with evidence from a document published before this time, or all.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Orders items still to be worked (open, in-progress, needs-info) before decided ones, then oldest first; otherwise oldest first.</summary>
    public bool OpenFirst { get; init; }
}

/// <summary>Outcome of a conditional update.</summary>
public enum UpdateOutcome
{
    /// <summary>Applied.</summary>
    Updated,

    /// <summary>No item with that id.</summary>
    NotFound,

    /// <summary>The expected version is stale: someone else changed the item first.</summary>
    VersionMismatch,
}

/// <summary>Result of a conditional review update.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Item">The item after the update (or as it is now, on a mismatch); null when not found.</param>
public sealed record ReviewUpdate(UpdateOutcome Outcome, ReviewItem? Item);
