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

    [Fact]
    public void Pieces_are_DiffPlex_word_pieces_for_every_character_and_for_runs_of_separators()
    {
        // Every UTF-16 code unit between letters, at either end and alone.
        var bounds = new int[8];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            foreach (var text in new[] { $"a{(char)c}b", $"{(char)c}b", $"a{(char)c}", $"{(char)c}" })
            {
                var count = WordDiff.Chunk(text, bounds);
                var pieces = Enumerable.Range(0, count).Select(i => text[bounds[i]..bounds[i + 1]]).ToArray();
                Assert.Equal(WordChunker.Instance.Chunk(text), pieces);
            }
        }

        var random = new Random(5);
        const string alphabet = "ab .,'\"!?()\t\u2019\u201C\u3002\u2014x";
        var buffer = new int[64];
        for (var n = 0; n < 5000; n++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 30)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var count = WordDiff.Chunk(text, buffer);
            Assert.Equal(WordChunker.Instance.Chunk(text), Enumerable.Range(0, count).Select(i => text[buffer[i]..buffer[i + 1]]).ToArray());
        }
    }

    [Fact]
    public void Segments_are_DiffPlex_pieces_merged_by_kind_on_punctuation_heavy_edits()
    {
        // Short texts over few words and many separators: leading separators, one-separator texts (an empty piece),
        // repeated words, edits at either end, one text a prefix or suffix of the other, case changes.
        var random = new Random(23);
        string[] words = ["the", "The", "troops", "100,000", "said", "", "\"", ". ", ", ", "  ", ".", "\u201C", "(", ")", "\u2014", "?", "x"];
        for (var n = 0; n < 20000; n++)
        {
            var oldParts = Enumerable.Range(0, random.Next(0, 9)).Select(_ => words[random.Next(words.Length)]).ToList();
            var newParts = new List<string>(oldParts);
            for (var e = random.Next(0, 4); e > 0; e--)
            {
                var at = random.Next(newParts.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when at < newParts.Count: newParts[at] = words[random.Next(words.Length)]; break;
                    case 1 when at < newParts.Count: newParts.RemoveAt(at); break;
                    default: newParts.Insert(at, words[random.Next(words.Length)]); break;
                }
            }

            var (oldText, newText) = (string.Join(random.Next(2) == 0 ? " " : "", oldParts), string.Join(" ", newParts));
            var ignoreCase = n % 5 == 0;
            Assert.Equal(Reference(oldText, newText, ignoreCase), WordDiff.Compute(oldText, newText, ignoreCase));
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
