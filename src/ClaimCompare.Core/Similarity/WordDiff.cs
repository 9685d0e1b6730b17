using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

namespace ClaimCompare.Core.Similarity;

/// <summary>What a diff segment is.</summary>
public enum DiffKind
{
    /// <summary>Present in both texts.</summary>
    Equal,

    /// <summary>Only in the second (new) text.</summary>
    Inserted,

    /// <summary>Only in the first (old) text.</summary>
    Deleted,
}

/// <summary>A run of words a diff keeps, inserts or deletes.</summary>
/// <param name="Kind">Equal, inserted or deleted.</param>
/// <param name="Text">The text of the run, separators included, exactly as in its source text.</param>
/// <param name="Start">Offset of the run in its source text: the new text for <see cref="DiffKind.Inserted"/>, the old text otherwise.</param>
public sealed record DiffSegment(DiffKind Kind, string Text, int Start);

/// <summary>A word-level diff of two texts (DiffPlex's word chunker), as a list of segments.</summary>
/// <remarks>
/// Concatenating the <see cref="DiffKind.Equal"/> and <see cref="DiffKind.Deleted"/> segments gives the old
/// text back, the equal and inserted ones the new text; adjacent pieces of the same kind are merged, and in a
/// change the deletion comes before the insertion. Used for every cluster member against its representative,
/// and reusable wherever two versions of a sentence are shown side by side.
/// </remarks>
public static class WordDiff
{
    /// <summary>Computes the word diff from <paramref name="oldText"/> to <paramref name="newText"/>.</summary>
    /// <param name="oldText">The first text (for example a cluster's representative).</param>
    /// <param name="newText">The second text.</param>
    /// <param name="ignoreCase">Whether words differing only in case are equal.</param>
    /// <returns>The segments in order; empty when both texts are empty.</returns>
    public static IReadOnlyList<DiffSegment> Compute(string oldText, string newText, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var result = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase, WordChunker.Instance);
        var oldPieces = result.PiecesOld;
        var newPieces = result.PiecesNew;
        var oldOffsets = Offsets(oldPieces);
        var newOffsets = Offsets(newPieces);

        var segments = new List<DiffSegment>();
        var builder = new StringBuilder();
        var pendingKind = DiffKind.Equal;
        var pendingStart = -1;
        var pendingLength = 0;
        var pendingSource = oldText;
        var contiguous = true;

        // A run's pieces are usually contiguous in their source text: the run is then one substring of it, and the
        // builder is only used when they are not.
        void Flush()
        {
            var text = contiguous ? pendingSource.Substring(pendingStart, pendingLength) : builder.ToString();
            segments.Add(new DiffSegment(pendingKind, text, pendingStart));
            builder.Clear();
            pendingStart = -1;
        }

        void Add(DiffKind kind, string piece, int start)
        {
            if (pendingStart >= 0 && kind != pendingKind)
            {
                Flush();
            }

            if (pendingStart < 0)
            {
                pendingKind = kind;
                pendingStart = start;
                pendingLength = 0;
                pendingSource = kind == DiffKind.Inserted ? newText : oldText;
                contiguous = true;
            }

            if (contiguous && (start != pendingStart + pendingLength || start + piece.Length > pendingSource.Length
                || !pendingSource.AsSpan(start, piece.Length).SequenceEqual(piece)))
            {
                contiguous = false;
                builder.Append(pendingSource, pendingStart, pendingLength);
            }

            if (!contiguous)
            {
                builder.Append(piece);
            }

            pendingLength += piece.Length;
        }

        var a = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++)
            {
                Add(DiffKind.Equal, oldPieces[a], oldOffsets[a]);
            }

            for (var i = 0; i < block.DeleteCountA; i++)
            {
                Add(DiffKind.Deleted, oldPieces[block.DeleteStartA + i], oldOffsets[block.DeleteStartA + i]);
            }

            for (var i = 0; i < block.InsertCountB; i++)
            {
                Add(DiffKind.Inserted, newPieces[block.InsertStartB + i], newOffsets[block.InsertStartB + i]);
            }

            a = block.DeleteStartA + block.DeleteCountA;
        }

        for (; a < oldPieces.Count; a++)
        {
            Add(DiffKind.Equal, oldPieces[a], oldOffsets[a]);
        }

        if (pendingStart >= 0)
        {
            Flush();
        }

        return segments;
    }

    private static int[] Offsets(IReadOnlyList<string> pieces)
    {
        var offsets = new int[pieces.Count];
        var position = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            offsets[i] = position;
            position += pieces[i].Length;
        }

        return offsets;
    }
}
