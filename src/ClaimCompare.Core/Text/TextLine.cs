namespace ClaimCompare.Core.Text;

/// <summary>A line of the normalised document, and what the boilerplate rules left of it.</summary>
internal struct TextLine
{
    /// <summary>Start of the line in the normalised text.</summary>
    public int Start;

    /// <summary>End of the line (exclusive; the '\n' after it, or the end of the text).</summary>
    public int End;

    /// <summary>Start of the kept content; moves right when a prefix (a dateline) is removed.</summary>
    public int ContentStart;

    /// <summary>End of the kept content; moves left when a suffix (a glued photo credit) is removed.</summary>
    public int ContentEnd;

    /// <summary>Whether a blank line separates this line from the one before.</summary>
    public bool BlankBefore;

    /// <summary>Whether the whole line was removed.</summary>
    public bool Removed;

    public readonly bool IsEmpty => Removed || ContentStart >= ContentEnd;

    public readonly bool IsWhole => !Removed && ContentStart == Start && ContentEnd == End;

    public readonly Range Content => new(ContentStart, ContentEnd);

    /// <summary>
    /// Cuts normalised text into lines. The normaliser has already trimmed every line and reduced line
    /// breaks to "\n" (one) or "\n\n" (a blank line), so no line is empty or padded.
    /// </summary>
    public static void Scan(ReadOnlySpan<char> text, ref PooledBuffer<TextLine> lines)
    {
        var pos = 0;
        var blankBefore = false;
        while (pos < text.Length)
        {
            var rel = text[pos..].IndexOf('\n');
            var end = rel < 0 ? text.Length : pos + rel;
            if (end == pos)
            {
                blankBefore = true;
            }
            else
            {
                lines.Add(new TextLine { Start = pos, End = end, ContentStart = pos, ContentEnd = end, BlankBefore = blankBefore });
                blankBefore = false;
            }

            pos = end + 1;
        }
    }
}

/// <summary>A span of the normalised text removed as boilerplate.</summary>
internal readonly record struct Removal(int Start, int End, string Reason);
