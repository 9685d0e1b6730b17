namespace ClaimCompare.Core.Claims;

/// <summary>One mention of a person, with the title or appositive the text gives them there.</summary>
/// <remarks><see cref="Start"/> and <see cref="End"/> cover the name only (<see cref="Surface"/>), not the title.</remarks>
public sealed record PersonMention
{
    /// <summary>Canonical name: first name and surname without middle initials ("Wendy Sherman"), merged
    /// over the document's variants; <see cref="PersonRegistry"/> merges it across documents.</summary>
    public required string Name { get; init; }

    /// <summary>The name as printed ("Ms. Sherman", "Wendy R. Sherman").</summary>
    public required string Surface { get; init; }

    /// <summary>The role normalised for comparison: lower-case, nationality and "US"/"U.S." removed,
    /// "Secretary General" spelled "secretary-general" ("deputy secretary of state"); null when none is given.</summary>
    public string? Role { get; init; }

    /// <summary>The nationality split from the title, lower-case ("us", "russian"), or null.</summary>
    public string? Nationality { get; init; }

    /// <summary>The title or appositive as printed ("US Deputy Secretary of State"), or null.</summary>
    public string? RoleText { get; init; }

    /// <summary>Start of <see cref="Surface"/> in the original text, inclusive.</summary>
    public required int Start { get; init; }

    /// <summary>End of <see cref="Surface"/> in the original text, exclusive.</summary>
    public required int End { get; init; }

    /// <summary>Index of the passage the mention is in.</summary>
    public required int PassageIndex { get; init; }
}
