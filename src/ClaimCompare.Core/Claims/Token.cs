namespace ClaimCompare.Core.Claims;

/// <summary>What a <see cref="Token"/> is.</summary>
internal enum TokenKind
{
    /// <summary>Letters, with inner apostrophes ("Russia's") and dotted abbreviations ("U.S.", "a.m.").</summary>
    Word,

    /// <summary>Digits with thousands separators and a decimal part ("100,000", "10 000", "3.2").</summary>
    Number,

    /// <summary>Any other single non-space character.</summary>
    Punct,
}

/// <summary>A token of the raw text, with its span in the original document.</summary>
internal readonly record struct Token(int Start, int End, TokenKind Kind)
{
    public int Length => End - Start;

    public ReadOnlySpan<char> Span(string text) => text.AsSpan(Start, End - Start);

    public string Text(string text) => text.Substring(Start, End - Start);
}
