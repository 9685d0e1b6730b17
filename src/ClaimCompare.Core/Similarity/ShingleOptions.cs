namespace ClaimCompare.Core.Similarity;

/// <summary>What a shingle is made of.</summary>
public enum ShingleKind
{
    /// <summary>Word n-grams over case-folded tokens.</summary>
    Word,

    /// <summary>Character n-grams over the case-folded tokens joined by single spaces.</summary>
    Character,

    /// <summary>
    /// Word n-grams over content words only: function words dropped, light stemming applied. With size 1
    /// this is the bag of content words that a reworded copy keeps.
    /// </summary>
    ContentWord,
}

/// <summary>How a passage is cut into shingles.</summary>
/// <remarks>
/// Masking digits replaces every run of digits (a number written with <c>,</c> or <c>.</c> separators counts
/// as one run) by a single <c>#</c>, so "close to 100,000 troops" and "close to 90,000 troops" give the same
/// shingles: copies that differ only in a figure still group, and the word diff then shows the figure.
/// </remarks>
public sealed record ShingleOptions
{
    /// <summary>The largest supported shingle size.</summary>
    public const int MaxSize = 16;

    private readonly int _size = 3;

    /// <summary>Word 3-grams with digits masked: the default for near-duplicate detection.</summary>
    public static ShingleOptions Default { get; } = new() { MaskDigits = true };

    /// <summary>The shingle kind; <see cref="ShingleKind.Word"/> by default.</summary>
    public ShingleKind Kind { get; init; } = ShingleKind.Word;

    /// <summary>Tokens (or characters, for <see cref="ShingleKind.Character"/>) per shingle, 1 to <see cref="MaxSize"/>; 3 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to <see cref="MaxSize"/>.</exception>
    public int Size
    {
        get => _size;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxSize);
            _size = value;
        }
    }

    /// <summary>Whether every digit run becomes one placeholder before shingling.</summary>
    public bool MaskDigits { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}:{Size}{(MaskDigits ? ":masked" : string.Empty)}";
}
