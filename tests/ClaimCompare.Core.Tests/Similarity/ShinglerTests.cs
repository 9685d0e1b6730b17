using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Tests.Similarity;

public class ShinglerTests
{
    [Fact]
    public void Word_trigrams_are_hashes_of_the_folded_tokens_joined_by_spaces()
    {
        var set = new Shingler(new ShingleOptions()).Shingle("The quick, brown FOX!");
        var expected = new[] { Shingler.Hash("the quick brown"), Shingler.Hash("quick brown fox") }.Order().ToArray();
        Assert.Equal(expected, set.Hashes.ToArray());
    }

    [Fact]
    public void Case_punctuation_spacing_and_typographic_apostrophes_do_not_change_the_shingles()
    {
        var shingler = new Shingler(new ShingleOptions());
        var a = shingler.Shingle("Russia’s troops, Secretary-General   Stoltenberg said.");
        var b = shingler.Shingle("RUSSIA'S troops Secretary General Stoltenberg said");
        Assert.Equal(a.Hashes.ToArray(), b.Hashes.ToArray());
    }

    [Fact]
    public void Masked_digits_let_copies_that_differ_only_in_a_figure_share_every_shingle()
    {
        var masked = new Shingler(new ShingleOptions { MaskDigits = true });
        var plain = new Shingler(new ShingleOptions());
        const string A = "close to 100,000 Russian troops have gathered near the border";
        const string B = "close to 90,000 Russian troops have gathered near the border";
        Assert.Equal(1.0, ShingleSet.Jaccard(masked.Shingle(A), masked.Shingle(B)));
        Assert.True(ShingleSet.Jaccard(plain.Shingle(A), plain.Shingle(B)) < 0.7);
    }

    [Fact]
    public void A_digit_run_with_separators_becomes_one_placeholder()
    {
        var masked = new Shingler(new ShingleOptions { MaskDigits = true, Size = 1 });
        Assert.Equal(new[] { Shingler.Hash("#") }, masked.Shingle("100,000").Hashes.ToArray());
        Assert.Equal(new[] { Shingler.Hash("f#a#e") }, masked.Shingle("f33a823e").Hashes.ToArray());
    }

    [Fact]
    public void A_passage_shorter_than_the_shingle_size_gives_one_shingle_and_an_empty_one_none()
    {
        var shingler = new Shingler(new ShingleOptions { Size = 5 });
        Assert.Equal(new[] { Shingler.Hash("nato summit ends") }, shingler.Shingle("NATO summit ends").Hashes.ToArray());
        Assert.Equal(0, shingler.Shingle(" -- ... ").Count);
    }

    [Fact]
    public void Sets_are_sorted_and_distinct()
    {
        var set = new Shingler(new ShingleOptions { Size = 1 }).Shingle("no no no yes yes maybe no");
        var hashes = set.Hashes.ToArray();
        Assert.Equal(3, hashes.Length);
        Assert.Equal(hashes.Order().ToArray(), hashes);
    }

    [Fact]
    public void Character_shingles_slide_over_the_folded_text()
    {
        var set = new Shingler(new ShingleOptions { Kind = ShingleKind.Character, Size = 4 }).Shingle("Ab, cd");
        var expected = new[] { "ab c", "b cd" }.Select(s => Shingler.Hash(s)).Order().ToArray();
        Assert.Equal(expected, set.Hashes.ToArray());
    }

    [Fact]
    public void Content_words_drop_function_words_and_strip_inflections()
    {
        var content = new Shingler(new ShingleOptions { Kind = ShingleKind.ContentWord, Size = 1 });
        var a = content.Shingle("The troops said that they were gathering near the borders");
        var b = content.Shingle("troop gathered border near");
        Assert.Equal(b.Hashes.ToArray(), a.Hashes.ToArray());
    }

    [Fact]
    public void Non_ascii_letters_are_kept_not_stripped()
    {
        var shingler = new Shingler(new ShingleOptions { Size = 1 });
        var accented = shingler.Shingle("Željko Mitrović");
        Assert.Equal(new[] { Shingler.Hash("željko"), Shingler.Hash("mitrović") }.Order().ToArray(), accented.Hashes.ToArray());
        Assert.Equal(2, shingler.Shingle("Россия НАТО").Count);
    }

    [Fact]
    public void Long_passages_beyond_the_stack_buffers_are_shingled_completely()
    {
        var words = Enumerable.Range(0, 2000).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var set = new Shingler(new ShingleOptions()).Shingle(string.Join(' ', words));
        Assert.Equal(1998, set.Count);
    }

    [Fact]
    public void Comparing_sets_of_different_shingling_throws()
    {
        var a = new Shingler(new ShingleOptions { Size = 3 }).Shingle("one two three four");
        var b = new Shingler(new ShingleOptions { Size = 2 }).Shingle("one two three four");
        var c = new Shingler(new ShingleOptions { Size = 3 }, normalizerVersion: 7).Shingle("one two three four");
        Assert.Throws<SchemeMismatchException>(() => ShingleSet.Jaccard(a, b));
        Assert.Throws<SchemeMismatchException>(() => ShingleSet.Containment(a, c));
    }

    [Fact]
    public void Jaccard_and_containment_are_exact()
    {
        var options = new ShingleOptions { Size = 1 };
        var a = new ShingleSet(options, 0, [1, 2, 3, 4]);
        var b = new ShingleSet(options, 0, [3, 4, 5, 6, 7, 8]);
        Assert.Equal(2.0 / 8, ShingleSet.Jaccard(a, b));
        Assert.Equal(2.0 / 4, ShingleSet.Containment(a, b));
        Assert.Throws<ArgumentException>(() => new ShingleSet(options, 0, [2, 1]));
    }
}
