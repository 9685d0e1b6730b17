using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// One passage read for the rewrite decision: its content words with their lemmas (<see cref="WordNetLexicon"/>),
/// weights and directions, its names, its figures and its negations, in text order.
/// </summary>
/// <remarks>
/// Computed once per passage, from its normalised text alone, when the passage first takes part in a rewrite
/// decision (<see cref="PassageFingerprint.Reading"/>); immutable afterwards.
/// </remarks>
internal sealed class RewriteSentence
{
    /// <summary>The most lemmas kept per word form.</summary>
    public const int MaxLemmas = 3;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Negations = FrozenSet.Create(StringComparer.Ordinal,
    [
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot", "didn't", "doesn't", "don't",
        "isn't", "wasn't", "weren't", "aren't", "won't", "wouldn't", "can't", "couldn't", "shouldn't", "hasn't", "haven't", "hadn't",
        "mustn't", "needn't", "nowhere", "n't",
    ]).GetAlternateLookup<ReadOnlySpan<char>>();

    // Direction words that are function words, which WordNet does not describe: "shares were up 8 cents".
    private static readonly FrozenDictionary<string, sbyte>.AlternateLookup<ReadOnlySpan<char>> DirectionParticles = new Dictionary<string, sbyte>(StringComparer.Ordinal)
    {
        ["up"] = 1, ["down"] = -1, ["above"] = 1, ["below"] = -1, ["more"] = 1, ["fewer"] = -1, ["less"] = -1, ["higher"] = 1, ["lower"] = -1,
    }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // Punctuation between two tokens that ends a negation's reach.
    private static readonly SearchValues<char> ClauseBreaks = SearchValues.Create(",;:.!?()\"\u201C\u201D");

    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> NumberWords = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eleven"] = 11, ["twelve"] = 12, ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["hundred"] = 100, ["thousand"] = 1000, ["dozen"] = 12, ["half"] = 0.5, ["double"] = 2, ["triple"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> Scales = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["thousand"] = 1e3, ["k"] = 1e3, ["million"] = 1e6, ["millions"] = 1e6, ["m"] = 1e6, ["mn"] = 1e6, ["billion"] = 1e9, ["billions"] = 1e9,
        ["bn"] = 1e9, ["b"] = 1e9, ["trillion"] = 1e12, ["tn"] = 1e12,
    }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PercentWords =
        FrozenSet.Create(StringComparer.Ordinal, ["percent", "pct", "per", "percentage"]).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> MoneyWords =
        FrozenSet.Create(StringComparer.Ordinal, ["dollars", "dollar", "euros", "euro", "pounds", "yen", "cents", "cent", "pence", "rupiah", "yuan", "francs"]).GetAlternateLookup<ReadOnlySpan<char>>();

    private RewriteSentence(Word[] words, int[] lemmas, Figure[] figures, int negations, bool passive)
    {
        Words = words;
        Lemmas = lemmas;
        Figures = figures;
        NegationCount = negations;
        IsPassive = passive;
        foreach (var word in words)
        {
            ContentWeight += word.Weight;
            if (word.IsName)
            {
                NameCount++;
            }
        }
    }

    /// <summary>A figure: a value with its unit class.</summary>
    /// <param name="Value">The value, scale words applied (1.5bn = 1.5e9).</param>
    /// <param name="Unit">0 plain, 1 percent, 2 money, 3 year.</param>
    /// <param name="Position">The token position.</param>
    public readonly record struct Figure(double Value, int Unit, int Position);

    /// <summary>A content word (function words, figures and punctuation are left out).</summary>
    /// <param name="Key">Hash of the lightly stemmed folded form, the same hash the content-word shingles use (so corpus statistics apply to it).</param>
    /// <param name="LemmaStart">First of its lemmas in <see cref="Lemmas"/>.</param>
    /// <param name="LemmaCount">How many lemmas (0 when WordNet does not know the word).</param>
    /// <param name="Weight">How informative the word is, in [0, 1]: rare words weigh more; 0 for a direction particle (up, down).</param>
    /// <param name="IsName">Written with a capital away from the passage start, or not known to WordNet and capitalised.</param>
    /// <param name="Direction">+1 up (rise, gain), -1 down (fall, cut), 0 neither.</param>
    /// <param name="Position">The token position in the passage.</param>
    /// <param name="Shape">For a name, its spelling as a set of letter pairs (bit i: some pair hashes to i, the first
    /// letter marked as a pair with the word start); 0 for other words. Two spellings of one name ("Sundwell",
    /// "Sundwall"; "Muqtada", "Moqtada") share most bits.</param>
    /// <param name="Negations">The negations that apply to this word: those since the previous content word or figure,
    /// within its clause ("has <b>not</b> been downplayed", "there was <b>not no</b> possibility": 1 and 2).</param>
    /// <param name="InNegatedClause">A negation came earlier in the word's clause, whether or not it reaches the word:
    /// "did not promise to draw back troops or <b>reject</b> the demand" may deny "reject" too.</param>
    public readonly record struct Word(ulong Key, int LemmaStart, int LemmaCount, float Weight, bool IsName, sbyte Direction, int Position, ulong Shape = 0, byte Negations = 0, bool InNegatedClause = false);

    /// <summary>The content words in text order.</summary>
    public Word[] Words { get; }

    /// <summary>The lemmas of all words, sliced by <see cref="Word.LemmaStart"/> and <see cref="Word.LemmaCount"/>.</summary>
    public int[] Lemmas { get; }

    /// <summary>The figures in text order.</summary>
    public Figure[] Figures { get; }

    /// <summary>The number of negations (not, never, no, n't, without, ...).</summary>
    public int NegationCount { get; }

    /// <summary>Whether the sentence has a passive agent ("was ... by").</summary>
    public bool IsPassive { get; }

    /// <summary>The sum of the content words' weights.</summary>
    public float ContentWeight { get; }

    /// <summary>The number of name words.</summary>
    public int NameCount { get; }

    /// <summary>The lemmas of one word.</summary>
    public ReadOnlySpan<int> LemmasOf(in Word word) => Lemmas.AsSpan(word.LemmaStart, word.LemmaCount);

    /// <summary>Reads a normalised passage.</summary>
    public static RewriteSentence Read(string normalizedText)
    {
        var lexicon = WordNetLexicon.Instance;
        var text = normalizedText.AsSpan();
        var tokens = ArrayPool<WordToken>.Shared.Rent(WordTokenizer.MaxTokens(text.Length));
        var scratch = ArrayPool<char>.Shared.Rent(text.Length + 8);
        try
        {
            var count = WordTokenizer.Tokenize(text, tokens);
            var words = new List<Word>(count);
            var lemmas = new List<int>(count);
            var figures = new List<Figure>();
            var negations = 0;
            var passive = false;
            var sawBe = false;
            var pending = 0;
            var negatedClause = false;
            for (var t = 0; t < count; t++)
            {
                var token = tokens[t];
                if (t > 0 && (pending > 0 || negatedClause) && text[(tokens[t - 1].Start + tokens[t - 1].Length)..token.Start].ContainsAny(ClauseBreaks))
                {
                    pending = 0; // "no, ..." or "not." does not reach into the next clause
                    negatedClause = false;
                }

                var raw = text.Slice(token.Start, token.Length);
                var folded = scratch.AsSpan(0, raw.Length);
                raw.ToLowerInvariant(folded);
                folded.Replace('\u2019', '\'');
                if (Negations.Contains(folded) || folded.EndsWith("n't"))
                {
                    negations++;
                    pending++;
                    negatedClause = true;
                    continue;
                }

                if (folded is "was" or "were" or "been" or "being" or "is" or "are" or "be")
                {
                    sawBe = true;
                }
                else if (folded is "by" && sawBe)
                {
                    passive = true;
                }

                if (token.HasDigit || NumberWords.ContainsKey(folded))
                {
                    if (ReadFigure(text, tokens.AsSpan(0, count), t, folded, out var figure, out var consumed))
                    {
                        figures.Add(figure);
                        t += consumed;
                        pending = 0;
                    }

                    continue;
                }

                if (Scales.ContainsKey(folded) && folded.Length > 2)
                {
                    continue;
                }

                if (DirectionParticles.TryGetValue(folded, out var particle))
                {
                    // Kept as a weightless word: it aligns and carries a direction, but adds nothing to coverage.
                    words.Add(new Word(Shingler.Hash(folded), lemmas.Count, 0, 0, false, particle, t, 0, (byte)Math.Min(pending, 255), negatedClause));
                    pending = 0;
                    continue;
                }

                if (ContentWords.IsStopword(folded) || folded.Length == 1)
                {
                    continue;
                }

                var form = Analyse(lexicon, folded);
                var lemmaCount = form.LemmaCount;
                var capitalized = token.IsCapitalized && (t > 0 || lemmaCount == 0);
                var allCaps = raw.Length > 1 && !raw.ContainsAnyInRange('a', 'z');
                var isName = capitalized || allCaps;
                var start = lemmas.Count;
                for (var l = 0; l < lemmaCount; l++)
                {
                    lemmas.Add(form.Lemma(l));
                }

                var weight = lemmaCount > 0 && !isName ? form.Weight : 1f;
                var direction = form.Direction;
                var key = form.Key;
                words.Add(new Word(key, start, lemmaCount, weight, isName, isName ? (sbyte)0 : direction, t, isName ? ShapeOf(folded) : 0, (byte)Math.Min(pending, 255), negatedClause));

                // A negation reaches past an adverb to the word it modifies: "did not adequately show".
                pending = form.AdverbOnly && !isName ? pending : 0;
            }

            return new RewriteSentence([.. words], [.. lemmas], [.. figures], negations, passive);
        }
        finally
        {
            ArrayPool<WordToken>.Shared.Return(tokens);
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    /// <summary>What a folded word form contributes, whatever its case and position: computed once per form.</summary>
    private readonly record struct FormInfo(ulong Key, int LemmaCount, int Lemma0, int Lemma1, int Lemma2, float Weight, sbyte Direction, bool AdverbOnly)
    {
        public int Lemma(int index) => index switch { 0 => Lemma0, 1 => Lemma1, _ => Lemma2 };
    }

    /// <summary>The most word forms remembered; forms beyond are analysed each time (a hostile input cannot grow the cache).</summary>
    private const int MaxCachedForms = 65_536;

    private static readonly ConcurrentDictionary<string, FormInfo> Forms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, FormInfo>.AlternateLookup<ReadOnlySpan<char>> FormLookup = Forms.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The lemmas (WordNet's morphy), the content-word key (the same light stem and hash as the content-word shingles),
    /// the rarity weight and the direction of a folded form. Every passage repeats the language's common words, so the
    /// analysis is remembered per form, up to <see cref="MaxCachedForms"/> forms.
    /// </summary>
    /// <summary>The letter pairs of a folded word as a 64-bit set (see <see cref="Word.Shape"/>).</summary>
    internal static ulong ShapeOf(ReadOnlySpan<char> folded)
    {
        var shape = 0UL;
        var previous = '^';
        foreach (var ch in folded)
        {
            if (!char.IsLetterOrDigit(ch))
            {
                continue;
            }

            shape |= 1UL << (int)(((((uint)previous * 31) + ch) * 2654435761u) >> 26);
            previous = ch;
        }

        return shape;
    }

    private static FormInfo Analyse(WordNetLexicon lexicon, ReadOnlySpan<char> folded)
    {
        if (FormLookup.TryGetValue(folded, out var known))
        {
            return known;
        }

        Span<int> found = stackalloc int[MaxLemmas];
        var lemmaCount = lexicon.Lemmatize(folded, found);
        Span<char> stem = folded.Length <= 128 ? stackalloc char[folded.Length] : new char[folded.Length];
        folded.CopyTo(stem);
        var key = Shingler.Hash(stem[..ContentWords.Stem(stem)]);
        sbyte direction = 0;
        var frequency = 0;
        var adverbOnly = lemmaCount > 0;
        for (var l = 0; l < lemmaCount; l++)
        {
            var flags = lexicon.Flags(found[l]);
            adverbOnly &= (flags & (WordNetLexicon.LemmaFlags.Noun | WordNetLexicon.LemmaFlags.Verb | WordNetLexicon.LemmaFlags.Adjective)) == 0;
            direction = (flags & WordNetLexicon.LemmaFlags.Up) != 0 ? (sbyte)1 : (flags & WordNetLexicon.LemmaFlags.Down) != 0 ? (sbyte)-1 : direction;
            frequency = Math.Max(frequency, lexicon.Frequency(found[l]));
        }

        // Rarer words carry more: SemCor's most frequent content lemmas are tagged a few thousand times.
        var weight = lemmaCount == 0 ? 1f : (float)Math.Clamp(1.15 - (0.12 * Math.Log2(1 + frequency)), 0.25, 1);
        var info = new FormInfo(key, lemmaCount, lemmaCount > 0 ? found[0] : 0, lemmaCount > 1 ? found[1] : 0, lemmaCount > 2 ? found[2] : 0, weight, direction, adverbOnly);
        if (Forms.Count < MaxCachedForms)
        {
            FormLookup.TryAdd(folded, info);
        }

        return info;
    }

    private static bool ReadFigure(ReadOnlySpan<char> text, ReadOnlySpan<WordToken> tokens, int t, ReadOnlySpan<char> folded, out Figure figure, out int consumed)
    {
        consumed = 0;
        figure = default;
        double value;
        var unit = 0;
        var digits = folded;
        var end = 0;
        while (end < digits.Length && (char.IsAsciiDigit(digits[end]) || digits[end] is ',' or '.'))
        {
            end++;
        }

        if (end > 0)
        {
            Span<char> clean = stackalloc char[Math.Min(end, 64)];
            var n = 0;
            for (var i = 0; i < end && n < clean.Length; i++)
            {
                if (digits[i] != ',')
                {
                    clean[n++] = digits[i];
                }
            }

            if (!double.TryParse(clean[..n], NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                return false;
            }

            var suffix = digits[end..];
            if (suffix.Length > 0)
            {
                if (Scales.TryGetValue(suffix, out var scale))
                {
                    value *= scale;
                }
                else if (suffix is "st" or "nd" or "rd" or "th")
                {
                    unit = 4;
                }
                else if (suffix.Length > 0 && !PercentWords.Contains(suffix))
                {
                    return false; // "A321", "G7": a model or group name, not a figure
                }
            }

            if (unit == 0 && end == 4 && n == 4 && value is >= 1900 and <= 2100 && suffix.IsEmpty)
            {
                unit = 3;
            }
        }
        else if (!NumberWords.TryGetValue(folded, out value))
        {
            return false;
        }

        var token = tokens[t];
        var before = token.Start > 0 ? text[token.Start - 1] : ' ';
        var after = token.Start + token.Length < text.Length ? text[token.Start + token.Length] : ' ';
        if (before is '$' or '£' or '€' or '¥')
        {
            unit = 2;
        }
        else if (after == '%')
        {
            unit = 1;
        }

        // Scale and unit words after the number: "1.5 million", "8 percent", "40 cents".
        Span<char> next = stackalloc char[16];
        for (var k = 1; k <= 2 && t + k < tokens.Length; k++)
        {
            var following = text.Slice(tokens[t + k].Start, tokens[t + k].Length);
            if (following.Length > next.Length)
            {
                break;
            }

            following.ToLowerInvariant(next);
            var word = next[..following.Length];
            if (Scales.TryGetValue(word, out var scale) && word.Length > 1)
            {
                value *= scale;
                consumed = k;
                continue;
            }

            if (PercentWords.Contains(word))
            {
                unit = 1;
                consumed = k;
                if (word is "per" && t + k + 1 < tokens.Length)
                {
                    consumed++;
                }

                break;
            }

            if (MoneyWords.Contains(word))
            {
                unit = 2;
            }

            break;
        }

        figure = new Figure(value, unit, t);
        return true;
    }
}
