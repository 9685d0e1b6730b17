namespace ClaimCompare.Core.Text;

/// <summary>
/// One place where normalisation changed the length of the text: the normalised range
/// [<see cref="NormStart"/>, <see cref="NormEnd"/>) stands for the original range
/// [<see cref="OrigStart"/>, <see cref="OrigEnd"/>). Between edits the two texts advance together.
/// </summary>
internal readonly record struct NormalizationEdit(int NormStart, int NormEnd, int OrigStart, int OrigEnd);

/// <summary>Maps offsets in normalised text back to the original through a sparse, sorted edit list.</summary>
/// <remarks>
/// Only length-changing edits are stored (collapsed whitespace, removed zero-width characters,
/// "…" expanded to "...", NFKC compositions); one-for-one substitutions such as curly to straight
/// quotes need no entry. An edit is atomic: an offset inside it maps to the edit's start, an end
/// inside it to the edit's end, so a mapped span always covers whole original characters.
/// Lookups are binary searches, O(log edits).
/// </remarks>
internal static class OffsetMap
{
    /// <summary>Maps a start offset (inclusive) in the normalised text to the original.</summary>
    public static int ToOriginalStart(ReadOnlySpan<NormalizationEdit> edits, int offset)
    {
        var k = LastEditStartingAtOrBefore(edits, offset);
        if (k < 0)
        {
            return offset;
        }

        var edit = edits[k];
        return offset < edit.NormEnd ? edit.OrigStart : edit.OrigEnd + (offset - edit.NormEnd);
    }

    /// <summary>Maps an end offset (exclusive) in the normalised text to the original.</summary>
    public static int ToOriginalEnd(ReadOnlySpan<NormalizationEdit> edits, int offset)
    {
        if (offset == 0)
        {
            return 0;
        }

        var last = offset - 1;
        var k = LastEditStartingAtOrBefore(edits, last);
        if (k < 0)
        {
            return offset;
        }

        var edit = edits[k];
        return last < edit.NormEnd ? edit.OrigEnd : edit.OrigEnd + (last - edit.NormEnd) + 1;
    }

    private static int LastEditStartingAtOrBefore(ReadOnlySpan<NormalizationEdit> edits, int offset)
    {
        int lo = 0, hi = edits.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (edits[mid].NormStart <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
