using System.Globalization;
using System.Text;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Similarity;

/// <summary>
/// A generated syndication corpus with known truth. Original articles are synthetic: sentences of 12 to 30
/// words drawn from a Zipf-like distribution over a vocabulary harvested from the fixtures (ranked by their
/// frequency there) and extended with generated words, plus per-article entity names and figures, so
/// unrelated articles are not near-duplicates of each other. A share of documents are copies of earlier
/// originals by other outlets, with known edits: dropped sentences, swapped neighbours, substituted words,
/// a changed figure; every outlet appends its own boilerplate lines. Everything comes from one SplitMix64 seed.
/// </summary>
internal sealed class SyndicationCorpus
{
    private const int Outlets = 60;
    private const double CopyShare = 0.3;

    private readonly string[] _vocabulary;
    private readonly double[] _cumulative;
    private SplitMix64 _random;

    private SyndicationCorpus(string[] vocabulary, ulong seed)
    {
        _vocabulary = vocabulary;
        _random = new SplitMix64(seed);
        _cumulative = new double[vocabulary.Length];
        var sum = 0.0;
        for (var i = 0; i < vocabulary.Length; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, 1.05);
            _cumulative[i] = sum;
        }

        for (var i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] /= sum;
        }
    }

    public List<ProcessedDocument> Documents { get; } = [];

    /// <summary>Truth: pairs of (document index, passage index) that derive from the same original sentence, packed.</summary>
    public HashSet<(int DocA, int PassageA, int DocB, int PassageB)> TruePairs { get; } = [];

    public long TextBytes { get; private set; }

    public static SyndicationCorpus Generate(int documents, string fixtureFolder, ulong seed = 20220112)
    {
        var corpus = new SyndicationCorpus(BuildVocabulary(fixtureFolder, seed), seed);
        corpus.Fill(documents);
        return corpus;
    }

    private static string[] BuildVocabulary(string fixtureFolder, ulong seed)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(fixtureFolder, "*.txt"))
        {
            var word = new StringBuilder();
            foreach (var c in File.ReadAllText(file) + " ")
            {
                if (char.IsAsciiLetterLower(c) || char.IsAsciiLetterUpper(c))
                {
                    word.Append(char.ToLowerInvariant(c));
                    continue;
                }

                if (word.Length >= 2)
                {
                    var w = word.ToString();
                    counts[w] = counts.GetValueOrDefault(w) + 1;
                }

                word.Clear();
            }
        }

        var harvested = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
        var seen = new HashSet<string>(harvested, StringComparer.Ordinal);
        var random = new SplitMix64(seed ^ 0xABCDEF);
        while (harvested.Count < 30000)
        {
            var w = PseudoWord(ref random, 2 + random.NextInt(3));
            if (seen.Add(w))
            {
                harvested.Add(w);
            }
        }

        return [.. harvested];
    }

    private static readonly string[] Onsets = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pl", "r", "s", "st", "t", "tr", "v", "w", "z"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"];
    private static readonly string[] Codas = ["", "", "n", "r", "s", "l", "nd", "st", "t", "m"];

    private static string PseudoWord(ref SplitMix64 random, int syllables)
    {
        var builder = new StringBuilder();
        for (var s = 0; s < syllables; s++)
        {
            builder.Append(Onsets[random.NextInt(Onsets.Length)]).Append(Vowels[random.NextInt(Vowels.Length)]).Append(Codas[random.NextInt(Codas.Length)]);
        }

        return builder.ToString();
    }

    private string Word()
    {
        var u = _random.NextDouble();
        var i = Array.BinarySearch(_cumulative, u);
        return _vocabulary[Math.Min(i < 0 ? ~i : i, _vocabulary.Length - 1)];
    }

    private string Name()
    {
        var w = PseudoWord(ref _random, 2 + _random.NextInt(2));
        return char.ToUpperInvariant(w[0]) + w[1..];
    }

    private string Figure() => _random.NextInt(4) switch
    {
        0 => (1 + _random.NextInt(99)).ToString(CultureInfo.InvariantCulture),
        1 => (100 * (1 + _random.NextInt(999))).ToString("N0", CultureInfo.InvariantCulture),
        2 => (1 + _random.NextInt(9)).ToString(CultureInfo.InvariantCulture) + "." + _random.NextInt(10).ToString(CultureInfo.InvariantCulture) + " million",
        _ => (1990 + _random.NextInt(35)).ToString(CultureInfo.InvariantCulture),
    };

    private List<string> Sentence(string[] names)
    {
        var length = 12 + _random.NextInt(19);
        var words = new List<string>(length + 4);
        for (var i = 0; i < length; i++)
        {
            words.Add(Word());
        }

        if (_random.NextInt(3) > 0)
        {
            words.Insert(_random.NextInt(words.Count), names[_random.NextInt(names.Length)]);
        }

        if (_random.NextInt(2) == 0)
        {
            words.Insert(1 + _random.NextInt(words.Count - 1), Figure());
        }

        return words;
    }

    private static string Render(List<string> words)
    {
        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private sealed record Source(int Document, List<(List<string> Words, int Paragraph)> Sentences);

    private void Fill(int count)
    {
        var boilerplate = new string[Outlets][];
        for (var o = 0; o < Outlets; o++)
        {
            var outletNames = new[] { Name(), Name() };
            boilerplate[o] = [Render(Sentence(outletNames)), Render(Sentence(outletNames))];
        }

        var originals = new List<Source>();
        // origin[d][p]: (original document, original sentence) of passage p of document d, or (-1, -1) for boilerplate.
        var origin = new List<(int Doc, int Sentence)[]>();
        var day = new DateOnly(2022, 1, 1);
        for (var d = 0; d < count; d++)
        {
            var outlet = _random.NextInt(Outlets);
            var date = day.AddDays(d / 200);
            List<(List<string> Words, int Paragraph)> sentences;
            (int Doc, int Sentence)[] map;
            if (originals.Count > 10 && _random.NextDouble() < CopyShare)
            {
                var source = originals[originals.Count - 1 - _random.NextInt(Math.Min(originals.Count, 2000))];
                (sentences, var from) = Derive(source);
                map = [.. from.Select(i => (source.Document, i))];
            }
            else
            {
                var names = new[] { Name(), Name(), Name() };
                sentences = [];
                var n = 8 + _random.NextInt(13);
                var paragraph = 0;
                for (var s = 0; s < n; s++)
                {
                    sentences.Add((Sentence(names), paragraph));
                    if (_random.NextInt(2) == 0)
                    {
                        paragraph++;
                    }
                }

                originals.Add(new Source(d, sentences));
                map = [.. Enumerable.Range(0, n).Select(i => (d, i))];
            }

            var lines = boilerplate[outlet];
            var withBoilerplate = _random.NextInt(5) > 0;
            Documents.Add(Build(d, sentences, withBoilerplate ? lines : [], date, "outlet-" + outlet.ToString("D2", CultureInfo.InvariantCulture)));
            origin.Add([.. map, .. (withBoilerplate ? lines.Select(_ => (-1, -1)) : [])]);
        }

        var byOrigin = new Dictionary<(int, int), List<(int Doc, int Passage)>>();
        for (var d = 0; d < origin.Count; d++)
        {
            for (var p = 0; p < origin[d].Length; p++)
            {
                if (origin[d][p].Doc >= 0)
                {
                    var key = origin[d][p];
                    if (!byOrigin.TryGetValue(key, out var list))
                    {
                        byOrigin[key] = list = [];
                    }

                    list.Add((d, p));
                }
            }
        }

        foreach (var list in byOrigin.Values)
        {
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    if (list[i].Doc != list[j].Doc)
                    {
                        TruePairs.Add(Order(list[i].Doc, list[i].Passage, list[j].Doc, list[j].Passage));
                    }
                }
            }
        }
    }

    public static (int, int, int, int) Order(int docA, int passageA, int docB, int passageB) =>
        docA < docB || (docA == docB && passageA < passageB) ? (docA, passageA, docB, passageB) : (docB, passageB, docA, passageA);

    private (List<(List<string> Words, int Paragraph)> Sentences, List<int> From) Derive(Source source)
    {
        var sentences = new List<(List<string> Words, int Paragraph)>();
        var from = new List<int>();
        for (var s = 0; s < source.Sentences.Count; s++)
        {
            if (_random.NextDouble() < 0.15)
            {
                continue;
            }

            var words = new List<string>(source.Sentences[s].Words);
            if (_random.NextDouble() < 0.25)
            {
                var substitutions = 1 + _random.NextInt(2);
                for (var k = 0; k < substitutions; k++)
                {
                    words[_random.NextInt(words.Count)] = Word();
                }
            }

            var figure = words.FindIndex(w => char.IsAsciiDigit(w[0]));
            if (figure >= 0 && _random.NextDouble() < 0.3)
            {
                words[figure] = Figure();
            }

            sentences.Add((words, source.Sentences[s].Paragraph));
            from.Add(s);
        }

        for (var s = 0; s + 1 < sentences.Count; s++)
        {
            if (_random.NextDouble() < 0.1)
            {
                (sentences[s], sentences[s + 1]) = (sentences[s + 1], sentences[s]);
                (from[s], from[s + 1]) = (from[s + 1], from[s]);
                s++;
            }
        }

        return (sentences, from);
    }

    private ProcessedDocument Build(int index, List<(List<string> Words, int Paragraph)> sentences, string[] boilerplate, DateOnly date, string outlet)
    {
        var text = new StringBuilder();
        var passages = new List<Passage>();
        var paragraph = -1;
        var paragraphIndex = -1;
        foreach (var (words, p) in sentences)
        {
            if (p != paragraph)
            {
                if (text.Length > 0)
                {
                    text.Append("\n\n");
                }

                paragraph = p;
                paragraphIndex++;
            }
            else
            {
                text.Append(' ');
            }

            Append(text, passages, Render(words), paragraphIndex);
        }

        foreach (var line in boilerplate)
        {
            text.Append("\n\n");
            Append(text, passages, line, ++paragraphIndex);
        }

        var original = text.ToString();
        TextBytes += original.Length;
        return new ProcessedDocument("d" + index.ToString("D6", CultureInfo.InvariantCulture), original, passages, [])
        {
            Date = date,
            Outlet = outlet,
        };
    }

    private static void Append(StringBuilder text, List<Passage> passages, string sentence, int paragraph)
    {
        var start = text.Length;
        text.Append(sentence);
        passages.Add(new Passage(passages.Count, paragraph, PassageKind.Sentence, start, text.Length, sentence, sentence));
    }
}
