namespace ClaimCompare.Core.Reporting;

/// <summary>What a diff segment does.</summary>
public enum DiffOperation
{
    /// <summary>Text both sides share.</summary>
    Equal,

    /// <summary>Text only the second side has.</summary>
    Inserted,

    /// <summary>Text only the first side has.</summary>
    Deleted,
}

/// <summary>A run of words in a word-level diff.</summary>
/// <param name="Operation">Whether the run is shared, inserted or deleted.</param>
/// <param name="Text">The words, with the white space between them.</param>
public sealed record DiffSegment(DiffOperation Operation, string Text);
