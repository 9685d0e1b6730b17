using System.Buffers;
using System.Text;
using DiffPlex;

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

/// <summary>A word-level diff of two texts (DiffPlex's word chunker and differ), as a list of segments.</summary>
/// <remarks>
/// <para>
/// Concatenating the <see cref="DiffKind.Equal"/> and <see cref="DiffKind.Deleted"/> segments gives the old
/// text back, the equal and inserted ones the new text; adjacent pieces of the same kind are merged, and in a
/// change the deletion comes before the insertion. Used for every cluster member against its representative,
/// and reusable wherever two versions of a sentence are shown side by side.
/// </para>
/// <para>
/// The result is DiffPlex's (<c>Differ</c> over <c>WordChunker</c> pieces), computed more cheaply: the texts are cut
/// into the same pieces as spans, without a string per piece; the common leading and trailing pieces are set aside
/// first, as DiffPlex's differ does itself before its first middle-snake search, so it runs on the changed middle alone
/// (a copy that changed one figure hands it two pieces, not two sentences); and a middle that one text lacks is a pure
/// deletion or insertion that needs no differ at all.
/// </para>
/// </remarks>
public static class WordDiff
{
    /// <summary>DiffPlex's word separators (<c>WordChunker</c>): a run of them is one piece.</summary>
    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t.(){},!?;");

    /// <summary>Computes the word diff from <paramref name="oldText"/> to <paramref name="newText"/>.</summary>
    /// <param name="oldText">The first text (for example a cluster's representative).</param>
    /// <param name="newText">The second text.</param>
    /// <param name="ignoreCase">Whether words differing only in case are equal.</param>
    /// <returns>The segments in order; empty when both texts are empty.</returns>
    public static IReadOnlyList<DiffSegment> Compute(string oldText, string newText, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var oldBounds = ArrayPool<int>.Shared.Rent(MaxPieces(oldText.Length) + 1);
        var newBounds = ArrayPool<int>.Shared.Rent(MaxPieces(newText.Length) + 1);
        try
        {
            var oldPieces = new Pieces(oldText, oldBounds, Chunk(oldText, oldBounds));
            var newPieces = new Pieces(newText, newBounds, Chunk(newText, newBounds));

            // Common leading, then trailing pieces. Case-insensitive equality is DiffPlex's to judge: it gets every piece.
            int prefix = 0, suffix = 0;
            if (!ignoreCase)
            {
                while (prefix < oldPieces.Count && prefix < newPieces.Count && oldPieces.Span(prefix).SequenceEqual(newPieces.Span(prefix)))
                {
                    prefix++;
                }

                while (suffix < oldPieces.Count - prefix && suffix < newPieces.Count - prefix
                    && oldPieces.Span(oldPieces.Count - 1 - suffix).SequenceEqual(newPieces.Span(newPieces.Count - 1 - suffix)))
                {
                    suffix++;
                }
            }

            var segments = new Segments(oldText, newText);
            segments.Add(DiffKind.Equal, oldPieces, 0, prefix);
            int oldEnd = oldPieces.Count - suffix, newEnd = newPieces.Count - suffix;
            if (prefix == oldEnd || prefix == newEnd)
            {
                // One text has nothing between the common pieces: the other's middle is one deletion or insertion.
                segments.Add(DiffKind.Deleted, oldPieces, prefix, oldEnd);
                segments.Add(DiffKind.Inserted, newPieces, prefix, newEnd);
            }
            else
            {
                AddMiddle(segments, oldPieces, newPieces, prefix, oldEnd, newEnd, ignoreCase);
            }

            segments.Add(DiffKind.Equal, oldPieces, oldEnd, oldPieces.Count);
            return segments.Finish();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(oldBounds);
            ArrayPool<int>.Shared.Return(newBounds);
        }
    }

    /// <summary>Runs DiffPlex's differ on the middle pieces <c>[prefix, oldEnd)</c> and <c>[prefix, newEnd)</c>.</summary>
    private static void AddMiddle(Segments segments, Pieces oldPieces, Pieces newPieces, int prefix, int oldEnd, int newEnd, bool ignoreCase)
    {
        var chunker = new GivenPieces(oldPieces.Strings(prefix, oldEnd), newPieces.Strings(prefix, newEnd));
        var result = Differ.Instance.CreateDiffs(GivenPieces.OldKey, GivenPieces.NewKey, ignoreWhiteSpace: false, ignoreCase, chunker);
        var a = prefix;
        foreach (var block in result.DiffBlocks)
        {
            var deleteStart = prefix + block.DeleteStartA;
            var insertStart = prefix + block.InsertStartB;
            segments.Add(DiffKind.Equal, oldPieces, a, deleteStart);
            segments.Add(DiffKind.Deleted, oldPieces, deleteStart, deleteStart + block.DeleteCountA);
            segments.Add(DiffKind.Inserted, newPieces, insertStart, insertStart + block.InsertCountB);
            a = deleteStart + block.DeleteCountA;
        }

        segments.Add(DiffKind.Equal, oldPieces, a, oldEnd);
    }

    /// <summary>At most one piece per character, or two for a text of one separator.</summary>
    private static int MaxPieces(int length) => length + 1;

    /// <summary>
    /// Cuts <paramref name="text"/> into DiffPlex's word pieces, writing each piece's start and, last, the text's length
    /// to <paramref name="bounds"/>: maximal runs of separators and of other characters, alternately; a text of a single
    /// separator is an empty piece and the separator (as DiffPlex cuts it). An empty text has no pieces.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="bounds">At least <c>text.Length + 2</c> elements.</param>
    /// <returns>The number of pieces.</returns>
    internal static int Chunk(ReadOnlySpan<char> text, Span<int> bounds)
    {
        var count = 0;
        if (text.Length == 1 && Separators.Contains(text[0]))
        {
            bounds[count++] = 0;
        }

        var position = 0;
        var separator = !text.IsEmpty && Separators.Contains(text[0]);
        while (position < text.Length)
        {
            bounds[count++] = position;
            var rest = text[position..];
            var length = separator ? rest.IndexOfAnyExcept(Separators) : rest.IndexOfAny(Separators);
            position = length < 0 ? text.Length : position + length;
            separator = !separator;
        }

        bounds[count] = text.Length;
        return count;
    }

    /// <summary>A text's pieces as bounds into it.</summary>
    private readonly struct Pieces(string text, int[] bounds, int count)
    {
        public int Count { get; } = count;

        public int Start(int piece) => bounds[piece];

        public ReadOnlySpan<char> Span(int piece) => text.AsSpan(bounds[piece], bounds[piece + 1] - bounds[piece]);

        public string[] Strings(int from, int to)
        {
            var strings = new string[to - from];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = text.Substring(bounds[from + i], bounds[from + i + 1] - bounds[from + i]);
            }

            return strings;
        }
    }

    /// <summary>Hands DiffPlex pieces already cut, for the two placeholder texts it is given.</summary>
    private sealed class GivenPieces(string[] oldPieces, string[] newPieces) : IChunker
    {
        public const string OldKey = "old";
        public const string NewKey = "new";

        public IReadOnlyList<string> Chunk(string text) => ReferenceEquals(text, OldKey) ? oldPieces : newPieces;
    }

    /// <summary>
    /// Runs of one kind, merged while they are contiguous in their source text. Pieces are added as ranges, and a range
    /// of pieces that are all empty (the empty piece of a one-separator text) still makes a segment, as it does one piece at a time.
    /// </summary>
    private sealed class Segments(string oldText, string newText)
    {
        private readonly List<DiffSegment> _segments = [];
        private readonly StringBuilder _builder = new();
        private DiffKind _kind;
        private int _start = -1;
        private int _length;
        private bool _contiguous;

        /// <summary>Adds pieces <c>[from, to)</c> of <paramref name="pieces"/> (of the old text, or of the new for an insertion).</summary>
        public void Add(DiffKind kind, Pieces pieces, int from, int to)
        {
            if (from == to)
            {
                return;
            }

            var start = pieces.Start(from);
            var length = pieces.Start(to) - start;

            if (_start >= 0 && kind != _kind)
            {
                Flush();
            }

            var source = kind == DiffKind.Inserted ? newText : oldText;
            if (_start < 0)
            {
                _kind = kind;
                _start = start;
                _length = 0;
                _contiguous = true;
            }

            if (_contiguous && start != _start + _length)
            {
                _contiguous = false;
                _builder.Append(source, _start, _length);
            }

            if (!_contiguous)
            {
                _builder.Append(source, start, length);
            }

            _length += length;
        }

        public List<DiffSegment> Finish()
        {
            if (_start >= 0)
            {
                Flush();
            }

            return _segments;
        }

        private void Flush()
        {
            var source = _kind == DiffKind.Inserted ? newText : oldText;
            _segments.Add(new DiffSegment(_kind, _contiguous ? source.Substring(_start, _length) : _builder.ToString(), _start));
            _builder.Clear();
            _start = -1;
        }
    }
}
