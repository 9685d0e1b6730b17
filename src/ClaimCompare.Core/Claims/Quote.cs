namespace ClaimCompare.Core.Claims;

/// <summary>A direct quotation and who said it.</summary>
/// <remarks><see cref="Start"/> and <see cref="End"/> cover the words inside the quotation marks, so that
/// <c>original.Substring(Start, End - Start) == Text</c>.</remarks>
public sealed record Quote
{
    /// <summary>Start of the quoted words in the original text (after the opening mark), inclusive.</summary>
    public required int Start { get; init; }

    /// <summary>End of the quoted words in the original text (before the closing mark), exclusive.</summary>
    public required int End { get; init; }

    /// <summary>The words inside the marks, as printed.</summary>
    public required string Text { get; init; }

    /// <summary>Canonical name of the speaker, or null when the quote is unattributed or attributed to a
    /// non-person ("officials", "the ministry").</summary>
    public string? Speaker { get; init; }

    /// <summary>Who speaks when the text names no person: the description as printed ("a club spokesman",
    /// "the army", "a statement from the prime minister's office"); null when <see cref="Speaker"/> is set or the
    /// quote is unattributed.</summary>
    public string? SpeakerDescription { get; init; }

    /// <summary>Index of the passage the quote starts in.</summary>
    public required int PassageIndex { get; init; }
}
