using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

/// <summary>Invariants every <see cref="ProcessedDocument"/> must satisfy, whatever the input.</summary>
internal static class ProcessedDocumentAssert
{
    public static void WellFormed(ProcessedDocument document)
    {
        var original = document.OriginalText;
        var previousEnd = 0;
        for (var i = 0; i < document.Passages.Count; i++)
        {
            var passage = document.Passages[i];
            Assert.Equal(i, passage.Index);
            Assert.InRange(passage.Start, previousEnd, original.Length);
            Assert.InRange(passage.End, passage.Start + 1, original.Length);
            Assert.Equal(original.Substring(passage.Start, passage.Length), passage.Text);
            Assert.False(string.IsNullOrWhiteSpace(passage.Normalized));
            Assert.Equal(passage.Normalized.ToLowerInvariant(), passage.Key);
            if (i > 0)
            {
                Assert.InRange(passage.Paragraph, document.Passages[i - 1].Paragraph, document.Passages[i - 1].Paragraph + 1);
            }

            previousEnd = passage.End;
        }

        var removedEnd = 0;
        foreach (var removed in document.Removed)
        {
            Assert.InRange(removed.Start, removedEnd, original.Length);
            Assert.InRange(removed.End, removed.Start, original.Length);
            Assert.Equal(original[removed.Start..removed.End], removed.Text);
            Assert.False(string.IsNullOrEmpty(removed.Reason));
            removedEnd = removed.End;
            Assert.DoesNotContain(document.Passages, p => p.Start < removed.End && removed.Start < p.End);
        }
    }

    /// <summary>Every non-whitespace character of the original is in a passage or a removed span: nothing is dropped silently.</summary>
    public static void CoversAllText(ProcessedDocument document)
    {
        var covered = new bool[document.OriginalText.Length];
        foreach (var passage in document.Passages)
        {
            Array.Fill(covered, true, passage.Start, passage.Length);
        }

        foreach (var removed in document.Removed)
        {
            Array.Fill(covered, true, removed.Start, removed.End - removed.Start);
        }

        for (var i = 0; i < covered.Length; i++)
        {
            if (!covered[i] && !char.IsWhiteSpace(document.OriginalText[i]))
            {
                var context = document.OriginalText.Substring(Math.Max(0, i - 30), Math.Min(60, document.OriginalText.Length - Math.Max(0, i - 30)));
                Assert.Fail($"Character {i} ('{document.OriginalText[i]}') is neither in a passage nor reported as removed: …{context}…");
            }
        }
    }
}
