using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Support;
using DiffPlex;
using DiffPlex.Chunkers;

namespace ClaimCompare.Core.Tests.Similarity;

public class WordDiffTests
{
    [Fact]
    public void A_changed_figure_shows_as_one_deletion_and_one_insertion()
    {
        var diff = WordDiff.Compute("close to 100,000 Russian troops", "close to 90,000 Russian troops");
        Assert.Contains(diff, s => s.Kind == DiffKind.Deleted && s.Text.Contains("100"));
        Assert.Contains(diff, s => s.Kind == DiffKind.Inserted && s.Text.Contains("90"));
        Assert.DoesNotContain(diff, s => s.Kind != DiffKind.Equal && s.Text.Contains("Russian"));
    }

    [Theory]
    [InlineData("This is not an easy discussion, but that is exactly why the meeting was so important.", "It was not an easy discussion, but that is exactly why this meeting was so important, Stoltenberg said.")]
    [InlineData("", "Only new text.")]
    [InlineData("Only old text.", "")]
    [InlineData("Same words.", "Same words.")]
    public void Segments_rebuild_both_texts_and_point_into_them(string oldText, string newText)
    {
        var diff = WordDiff.Compute(oldText, newText);
        Assert.Equal(oldText, string.Concat(diff.Where(s => s.Kind != DiffKind.Inserted).Select(s => s.Text)));
        Assert.Equal(newText, string.Concat(diff.Where(s => s.Kind != DiffKind.Deleted).Select(s => s.Text)));
        foreach (var segment in diff)
        {
            var source = segment.Kind == DiffKind.Inserted ? newText : oldText;
            Assert.Equal(segment.Text, source.Substring(segment.Start, segment.Text.Length));
        }

        for (var i = 1; i < diff.Count; i++)
        {
            Assert.NotEqual(diff[i - 1].Kind, diff[i].Kind);
        }
    }

    [Fact]
    public void Segments_are_DiffPlex_pieces_merged_by_kind_on_edited_news_sentences()
    {
        var random = new Random(11);
        var sentences = FixtureCorpus.RussiaNato2022.SelectMany(d => d.Passages).Select(p => p.Normalized).Distinct().ToList();
        foreach (var sentence in sentences)
        {
            var words = sentence.Split(' ').ToList();
            for (var e = random.Next(0, 4); e > 0 && words.Count > 1; e--)
            {
                var at = random.Next(words.Count);
                switch (random.Next(3))
                {
                    case 0: words[at] = sentences[random.Next(sentences.Count)].Split(' ')[0]; break;
                    case 1: words.RemoveAt(at); break;
                    default: words.Insert(at, words[random.Next(words.Count)]); break;
                }
            }

            var edited = string.Join(' ', words);
            foreach (var ignoreCase in new[] { false, true })
            {
                var (oldText, newText) = ignoreCase ? (sentence, edited.ToUpperInvariant()) : (sentence, edited);
                Assert.Equal(Reference(oldText, newText, ignoreCase), WordDiff.Compute(oldText, newText, ignoreCase));
            }
        }
    }

    /// <summary>DiffPlex's word pieces, each run of one kind concatenated, with its offset in its own text.</summary>
    private static List<DiffSegment> Reference(string oldText, string newText, bool ignoreCase)
    {
        var result = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase, WordChunker.Instance);
        var pieces = new List<(DiffKind Kind, string Text, int Start)>();
        int Offset(IReadOnlyList<string> all, int index) => all.Take(index).Sum(p => p.Length);
        var a = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++)
            {
                pieces.Add((DiffKind.Equal, result.PiecesOld[a], Offset(result.PiecesOld, a)));
            }

            for (var i = 0; i < block.DeleteCountA; i++)
            {
                pieces.Add((DiffKind.Deleted, result.PiecesOld[block.DeleteStartA + i], Offset(result.PiecesOld, block.DeleteStartA + i)));
            }

            for (var i = 0; i < block.InsertCountB; i++)
            {
                pieces.Add((DiffKind.Inserted, result.PiecesNew[block.InsertStartB + i], Offset(result.PiecesNew, block.InsertStartB + i)));
            }

            a = block.DeleteStartA + block.DeleteCountA;
        }

        for (; a < result.PiecesOld.Count; a++)
        {
            pieces.Add((DiffKind.Equal, result.PiecesOld[a], Offset(result.PiecesOld, a)));
        }

        var segments = new List<DiffSegment>();
        foreach (var (kind, text, start) in pieces)
        {
            if (segments.Count > 0 && segments[^1].Kind == kind)
            {
                segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
            }
            else
            {
                segments.Add(new DiffSegment(kind, text, start));
            }
        }

        return segments;
    }
}
