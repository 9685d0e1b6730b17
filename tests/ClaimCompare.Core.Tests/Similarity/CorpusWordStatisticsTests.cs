using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Similarity;

public class CorpusWordStatisticsTests
{
    private static readonly DedupOptions Options = DedupOptions.Default;
    private static readonly Shingler CopyShingler = new(Options.CopyScheme.Shingles, Options.NormalizerVersion);
    private static readonly Shingler ContentShingler = new(Options.RewriteScheme.Shingles, Options.NormalizerVersion);

    private static readonly IReadOnlyList<Passage> FixturePassages = [.. FixtureCorpus.RussiaNato2022.SelectMany(d => d.Passages)];

    private static PassageWordEvidence Evidence(string normalizedText, PassageKind kind = PassageKind.Sentence) =>
        PassageWordEvidence.Create(normalizedText, kind, CopyShingler, ContentShingler, out _);

    private static PassageWordEvidence Evidence(Passage passage) => Evidence(passage.Normalized, passage.Kind);

    private static List<PassageWordEvidence> Evidence(IEnumerable<Passage> passages) => [.. passages.Select(Evidence)];

    /// <summary>The hash of one content word, as the content shingler cuts it (case-folded, lightly stemmed).</summary>
    private static ulong Word(string text) => Assert.Single(Evidence("The " + text, PassageKind.Heading).ContentWords.ToArray());

    /// <summary>The names rule written out plainly over all the evidence: the reference the class must agree with.</summary>
    private static HashSet<ulong> ReferenceNames(IEnumerable<PassageWordEvidence> evidence, DedupOptions options)
    {
        var all = evidence.ToList();
        var capitalized = all.SelectMany(e => e.Capitalized.ToArray()).GroupBy(h => h).ToDictionary(g => g.Key, g => g.LongCount());
        var lower = all.SelectMany(e => e.Lower.ToArray()).GroupBy(h => h).ToDictionary(g => g.Key, g => g.LongCount());
        return [.. capitalized.Where(c => c.Value >= options.NameCapitalizedShare * (c.Value + lower.GetValueOrDefault(c.Key))).Select(c => c.Key)];
    }

    /// <summary>The common-word rule written out plainly over the counted passages.</summary>
    private static HashSet<ulong> ReferenceCommon(List<PassageWordEvidence> counted, DedupOptions options)
    {
        var cutoff = Math.Clamp(options.CommonWordShare * counted.Count, options.CommonWordMinPassages, options.CommonWordMaxPassages);
        return [.. counted.SelectMany(e => e.ContentWords.ToArray()).GroupBy(h => h).Where(g => g.Count() > cutoff).Select(g => g.Key)];
    }

    private static HashSet<ulong> Vocabulary(IEnumerable<PassageWordEvidence> evidence) =>
        [.. evidence.SelectMany(e => e.ContentWords.ToArray().Concat(e.Capitalized.ToArray()).Concat(e.Lower.ToArray()))];

    private static CorpusWordStatistics Fed(IEnumerable<PassageWordEvidence> evidence, DedupOptions? options = null)
    {
        var statistics = new CorpusWordStatistics(options ?? Options);
        foreach (var e in evidence)
        {
            statistics.Add(e);
        }

        return statistics;
    }

    [Fact]
    public void Evidence_lists_the_capitalised_and_lower_case_content_words_after_the_first_word()
    {
        var evidence = Evidence("Talks in Geneva ended without agreement, Lavrov said.");

        Assert.Equal([Word("Geneva"), Word("Lavrov")], evidence.Capitalized.ToArray());
        Assert.Equal([Word("ended"), Word("agreement")], evidence.Lower.ToArray());
        Assert.Equal(new[] { "talks", "geneva", "ended", "agreement", "lavrov" }.Select(Word).Order(), evidence.ContentWords.ToArray());
    }

    [Fact]
    public void Evidence_has_the_content_words_of_the_fingerprint_it_returns()
    {
        foreach (var passage in FixturePassages)
        {
            var evidence = PassageWordEvidence.Create(passage.Normalized, passage.Kind, CopyShingler, ContentShingler, out var fingerprint);
            var plain = PassageFingerprint.Create(passage.Normalized, CopyShingler, ContentShingler);

            Assert.Equal(plain.ContentWords.Hashes.ToArray(), evidence.ContentWords.ToArray());
            Assert.Equal(plain.ContentWords.Hashes.ToArray(), fingerprint.ContentWords.Hashes.ToArray());
            Assert.Equal(plain.Shingles.Hashes.ToArray(), fingerprint.Shingles.Hashes.ToArray());
            Assert.Equal(plain.FoldedText, fingerprint.FoldedText);
        }
    }

    [Fact]
    public void Evidence_needs_a_content_word_unigram_shingler()
    {
        Assert.Throws<ArgumentException>(() => PassageWordEvidence.Create("NATO met Russia.", PassageKind.Sentence, CopyShingler, CopyShingler, out _));
    }

    [Fact]
    public void Headings_give_no_name_evidence_but_count_their_content_words()
    {
        var headings = FixturePassages.Where(p => p.Kind == PassageKind.Heading).ToList();
        Assert.NotEmpty(headings);
        Assert.All(Evidence(headings), e =>
        {
            Assert.Empty(e.Capitalized.ToArray());
            Assert.Empty(e.Lower.ToArray());
        });

        // "Rejects" is capitalised in five headlines and written in lower case in one sentence: not a name.
        var statistics = new CorpusWordStatistics(Options);
        for (var i = 0; i < 5; i++)
        {
            statistics.Add(Evidence("Kremlin Rejects Alliance Demands", PassageKind.Heading));
        }

        statistics.Add(Evidence("Moscow firmly rejects the demands of the Alliance."));
        Assert.False(statistics.IsName(Word("rejects")));
        Assert.True(statistics.IsName(Word("Alliance")));
        Assert.False(statistics.IsName(Word("Kremlin")));
        Assert.Equal(6, statistics.PassageCount);
        Assert.Equal(6, statistics.Counts()[Word("demands")].Passages);
    }

    [Fact]
    public void A_word_is_a_name_from_the_configured_share_of_capitalised_occurrences()
    {
        var statistics = new CorpusWordStatistics(Options);
        statistics.Add(Evidence("Leaders of the Alliance met in Brussels."));
        statistics.Add(Evidence("Moscow wants the Alliance to stop expanding."));
        statistics.Add(Evidence("Diplomats said the alliance was united."));
        statistics.Add(Evidence("Russia demanded that the alliance withdraw."));
        Assert.False(statistics.IsName(Word("alliance"))); // 2 of 4 < 0.6

        statistics.Add(Evidence("Poland asked the Alliance for more troops."));
        Assert.True(statistics.IsName(Word("alliance"))); // 3 of 5 = 0.6

        // The first word of a passage is no evidence either way.
        statistics.Add(Evidence("Alliance members disagreed."));
        Assert.Equal((3, 2), (statistics.Counts()[Word("alliance")].Capitalized, statistics.Counts()[Word("alliance")].Lower));
        Assert.False(statistics.IsName(Word("troops")));
        Assert.False(statistics.IsName(Word("zeppelin")));
    }

    [Fact]
    public void Feeding_the_fixture_passages_one_at_a_time_gives_the_reference_names_and_common_words()
    {
        var evidence = Evidence(FixturePassages);
        var vocabulary = Vocabulary(evidence);
        foreach (var options in new[] { Options, Options with { CommonWordMinPassages = 5 } })
        {
            var names = ReferenceNames(evidence, options);
            var common = ReferenceCommon(evidence, options);

            // Any order gives the same statistics.
            var shuffled = evidence.OrderBy(e => e.ContentWords.Length == 0 ? 0 : e.ContentWords[0]).ToList();
            foreach (var statistics in new[] { Fed(evidence, options), Fed(shuffled, options) })
            {
                Assert.Equal(evidence.Count, statistics.PassageCount);
                Assert.Equal(names.Order(), vocabulary.Where(statistics.IsName).Order());
                Assert.Equal(common.Order(), vocabulary.Where(statistics.IsCommon).Order());
                Assert.Equal(vocabulary.Where(w => !names.Contains(w) && !common.Contains(w)).Order(), vocabulary.Where(statistics.IsInformative).Order());
            }
        }

        // Not vacuous: the story's people and places are names, its topic words are common at the lower floor.
        var fed = Fed(evidence);
        Assert.All(new[] { "NATO", "Stoltenberg", "Lavrov", "Sherman", "Ukraine", "Geneva" }, n => Assert.True(fed.IsName(Word(n)), n));
        Assert.All(new[] { "troops", "security", "talks" }, n => Assert.False(fed.IsName(Word(n)), n));
        Assert.Contains(Word("security"), ReferenceCommon(evidence, Options with { CommonWordMinPassages = 5 }));
        Assert.True(ReferenceNames(evidence, Options).Count > 20);
    }

    [Fact]
    public void Copies_counted_for_names_only_leave_the_common_words_to_the_distinct_passages()
    {
        // What the batch detector does: every passage's capitalisation counts, each distinct text once for common words.
        var options = Options with { CommonWordMinPassages = 5 };
        var evidence = Evidence(FixturePassages);
        var copies = Evidence(FixturePassages.Where(p => p.Kind == PassageKind.Sentence).Take(12));
        var statistics = Fed(evidence, options);
        foreach (var copy in copies)
        {
            statistics.Add(copy, countPassage: false);
        }

        var vocabulary = Vocabulary(evidence);
        Assert.Equal(evidence.Count, statistics.PassageCount);
        Assert.Equal(ReferenceCommon(evidence, options).Order(), vocabulary.Where(statistics.IsCommon).Order());
        Assert.Equal(ReferenceNames(evidence.Concat(copies), options).Order(), vocabulary.Where(statistics.IsName).Order());

        var counts = statistics.Counts();
        foreach (var word in vocabulary)
        {
            var (capitalized, lower, passages) = counts.GetValueOrDefault(word);
            Assert.Equal(evidence.Concat(copies).Sum(e => e.Capitalized.ToArray().Count(h => h == word)), capitalized);
            Assert.Equal(evidence.Concat(copies).Sum(e => e.Lower.ToArray().Count(h => h == word)), lower);
            Assert.Equal(evidence.Count(e => e.ContentWords.Contains(word)), passages);
        }
    }

    [Fact]
    public void Informative_words_of_a_fingerprint_are_its_content_words_that_are_neither_names_nor_common()
    {
        var options = Options with { CommonWordMinPassages = 5 };
        var statistics = Fed(Evidence(FixturePassages), options);
        var checkedAny = false;
        foreach (var passage in FixturePassages)
        {
            var fingerprint = PassageFingerprint.Create(passage.Normalized, CopyShingler, ContentShingler);
            var expected = fingerprint.ContentWords.Hashes.ToArray().Where(w => !statistics.IsName(w) && !statistics.IsCommon(w)).ToArray();
            Assert.Equal(expected, statistics.InformativeWords(fingerprint));
            checkedAny |= expected.Length > 0 && expected.Length < fingerprint.ContentWords.Count;
        }

        Assert.True(checkedAny);
    }

    [Fact]
    public void A_word_becomes_common_when_more_passages_than_the_cutoff_contain_it()
    {
        // The fixtures' most widespread content word, at a floor just below and at its passage count.
        var evidence = Evidence(FixturePassages);
        var (word, passages) = evidence.SelectMany(e => e.ContentWords.ToArray()).GroupBy(h => h).Select(g => (g.Key, g.Count())).MaxBy(g => g.Item2);
        Assert.True(passages > 10);
        Assert.True(Fed(evidence, Options with { CommonWordMinPassages = passages - 1 }).IsCommon(word));
        Assert.False(Fed(evidence, Options with { CommonWordMinPassages = passages }).IsCommon(word));

        // The cut-off grows with the corpus: 4 of 4 passages is common at a floor of 3; 4 of 251 is not (0.02 × 251 > 5).
        var options = Options with { CommonWordMinPassages = 3 };
        var statistics = new CorpusWordStatistics(options);
        var pipeline = Word("pipeline");
        string[] sentences =
        [
            "Engineers inspected the pipeline near the border.",
            "The pipeline carries gas to Germany.",
            "Sanctions could halt the pipeline project.",
            "Workers finished welding the pipeline in September.",
        ];
        for (var i = 0; i < 3; i++)
        {
            statistics.Add(Evidence(sentences[i]));
        }

        Assert.Equal(3, statistics.CommonWordCutoff);
        Assert.False(statistics.IsCommon(pipeline));
        statistics.Add(Evidence(sentences[3]));
        Assert.True(statistics.IsCommon(pipeline));

        var filler = new List<PassageWordEvidence>();
        for (var i = 0; i < 247; i++)
        {
            filler.Add(Evidence($"Residents discussed harbour{i} and ferry{i} at the council."));
            statistics.Add(filler[^1]);
        }

        Assert.Equal(0.02 * 251, statistics.CommonWordCutoff, 12);
        Assert.False(statistics.IsCommon(pipeline));
        Assert.True(statistics.IsCommon(Word("residents")));

        foreach (var e in filler)
        {
            statistics.Remove(e);
        }

        Assert.True(statistics.IsCommon(pipeline));
        Assert.False(statistics.IsCommon(Word("residents")));
    }

    [Fact]
    public void Removing_what_was_added_restores_the_counts_exactly()
    {
        var documents = FixtureCorpus.RussiaNato2022;
        var others = Evidence(documents.Where(d => d.Id != "004").SelectMany(d => d.Passages));
        var last = Evidence(documents.Single(d => d.Id == "004").Passages);
        var statistics = Fed(others);
        var before = statistics.Counts();
        Assert.NotEmpty(before);

        foreach (var e in last)
        {
            statistics.Add(e);
        }

        Assert.NotEqual(before.Count, statistics.Counts().Count);
        foreach (var e in last)
        {
            statistics.Remove(e);
        }

        Assert.Equal(others.Count, statistics.PassageCount);
        Assert.Equal(before.OrderBy(c => c.Key), statistics.Counts().OrderBy(c => c.Key));

        // Removing everything leaves nothing, through table rebuilds.
        foreach (var e in others.Concat(last).Concat(last))
        {
            statistics.Add(e);
        }

        foreach (var e in others.Concat(others).Concat(last).Concat(last))
        {
            statistics.Remove(e);
        }

        Assert.Equal(0, statistics.PassageCount);
        Assert.Empty(statistics.Counts());
        Assert.False(statistics.IsName(Word("Stoltenberg")));
    }

    [Fact]
    public void Removing_evidence_that_was_never_added_throws_and_changes_nothing()
    {
        var statistics = Fed(Evidence(FixturePassages));
        statistics.Add(Evidence("Officials from Zorbania met officials from Quellton."));
        var before = statistics.Counts();
        var passages = statistics.PassageCount;

        // The same content words, one capitalised occurrence more: every content count and two capitals go down before the third fails.
        Assert.Throws<InvalidOperationException>(() => statistics.Remove(Evidence("Officials from Zorbania met officials from Quellton and Zorbania.")));
        Assert.Throws<InvalidOperationException>(() => statistics.Remove(Evidence("A sentence about zeppelins and marmalade.")));
        Assert.Throws<InvalidOperationException>(() => new CorpusWordStatistics().Remove(Evidence("Officials met.")));

        Assert.Equal(passages, statistics.PassageCount);
        Assert.Equal(before.OrderBy(c => c.Key), statistics.Counts().OrderBy(c => c.Key));
    }

    [Fact]
    public async Task Readers_during_writes_never_throw_and_see_whole_passages()
    {
        // Every content word of the probe passage has the same passage count, so in any whole state either all of
        // them are common or none is; a reader that saw half of an Add or Remove would find some of each.
        var options = Options with { CommonWordMinPassages = 3 };
        var probe = Evidence("Zeppelins " + string.Join(' ', Enumerable.Range(0, 120).Select(i => $"topic{i}")) + ".");
        var probeWords = probe.ContentWords.ToArray();
        Assert.Equal(121, probeWords.Length);
        var fixtures = Evidence(FixturePassages);
        var vocabulary = Vocabulary(fixtures).ToArray();
        Assert.DoesNotContain(probeWords, vocabulary.Contains);
        var statistics = Fed(fixtures, options);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(probeWords, statistics.InformativeWords(probeWords));
            statistics.Add(probe);
        }

        Assert.Empty(statistics.InformativeWords(probeWords));
        for (var i = 0; i < 4; i++)
        {
            statistics.Remove(probe);
        }

        Assert.Equal(probeWords, statistics.InformativeWords(probeWords));

        var done = 0;
        var torn = 0;
        long reads = 0;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var answers = 0L;
            do
            {
                var informative = statistics.InformativeWords(probeWords).Length;
                if (informative != 0 && informative != probeWords.Length)
                {
                    Interlocked.Increment(ref torn);
                }

                foreach (var word in vocabulary.AsSpan(r * 50, 50))
                {
                    answers += (statistics.IsName(word) ? 1 : 0) + (statistics.IsCommon(word) ? 1 : 0) + (statistics.IsInformative(word) ? 1 : 0);
                }

                Interlocked.Increment(ref reads);
            }
            while (Volatile.Read(ref done) == 0);
            return answers;
        })).ToArray();

        // Write until the readers have read a while: no timing, only overlap. Each round crosses the probe's
        // cut-off both ways (four passages of five are common; three are not) and adds and removes new words, so
        // the table fills with dead entries and is rebuilt under the readers.
        for (var round = 0; round < 1_000_000 && (round < 300 || Volatile.Read(ref reads) < 5000); round++)
        {
            var fresh = Evidence($"Travellers visited harbour{round}, ferry{round}, tram{round} and museum{round} in Canton{round}.");
            statistics.Add(fresh);
            for (var i = 0; i < 4; i++)
            {
                statistics.Add(probe);
            }

            for (var i = 0; i < 4; i++)
            {
                statistics.Remove(probe);
            }

            statistics.Remove(fresh);
        }

        Volatile.Write(ref done, 1);
        await Task.WhenAll(readers);
        Assert.Equal(0, torn);
        Assert.Equal(fixtures.Count, statistics.PassageCount);
        Assert.Equal(Fed(fixtures, options).Counts().OrderBy(c => c.Key), statistics.Counts().OrderBy(c => c.Key));
    }
}
