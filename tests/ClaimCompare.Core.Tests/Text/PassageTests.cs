using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

public class PassageTests
{
    [Fact]
    public void Length_is_the_span_width_in_the_original_text()
    {
        var passage = new Passage(0, 0, PassageKind.Sentence, 10, 25, "abc", "abc");
        Assert.Equal(15, passage.Length);
    }
}
