using ClaimCompare.Core.Similarity;

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
}
