namespace ClaimCompare.Core.Similarity;

/// <summary>
/// What the rewrite decision looks at in a pair of sentences: how much of each the aligned content words cover
/// (exact, inflected, synonymous or derived, by <see cref="WordNetLexicon"/>), whether their names and figures agree,
/// differ or are missing, whether one negates or reverses the other, and whether the aligned words keep their roles.
/// </summary>
/// <remarks>
/// <para>
/// Alignment is one to one and greedy by strength: identical stems or a shared lemma first, then WordNet synonyms
/// (a shared synset among the first senses), then derivational relatives (a shared Snowball stem class). Each word
/// weighs by its rarity (<see cref="RewriteSentence.Word.Weight"/>), halved when the corpus statistics call it common.
/// Sentences are short (a passage is cut at <see cref="MaxWords"/> content words), so the quadratic alignment costs
/// at most a few thousand comparisons of integers.
/// </para>
/// <para>
/// Roles ("who did what to whom") are approximated by order: a paraphrase may move a clause, but two aligned names
/// that swap their order between active sentences ("X beat Y" / "Y beat X") mean a different event. The learned
/// model (<see cref="RewriteModel"/>) weighs all of these; the order of <see cref="Names"/> is the model's input order.
/// </para>
/// </remarks>
internal static class RewriteFeatures
{
    /// <summary>The probability a vetoed pair is given at most (see <see cref="Contradicts"/>).</summary>
    public const double VetoedProbability = 0.01;

    /// <summary>
    /// Whether the pair's features show that the two sentences say different things, whatever else they share: the
    /// issue's rules that a reversed direction ("rose" / "fell", WordNet antonyms), a shared predicate negated on one
    /// side only, another name in a name's place, or another actor with another figure is not a rewrite. Decided before
    /// the model, which weighs these like any other feature and can let a close wording outvote them; these rules do not.
    /// </summary>
    /// <param name="features">The features, as <see cref="Compute"/> fills them.</param>
    /// <param name="vetoes">The rules in force.</param>
    /// <returns>True when a rule in force applies.</returns>
    public static bool Contradicts(ReadOnlySpan<float> features, RewriteVetoes vetoes) =>
        ((vetoes & RewriteVetoes.Direction) != 0 && features[12] > 0)
        || ((vetoes & RewriteVetoes.Negation) != 0 && features[11] > 0)
        || ((vetoes & RewriteVetoes.NameSwap) != 0 && features[15] > 0)
        || ((vetoes & RewriteVetoes.NameReplaced) != 0 && features[6] > 0)
        || ((vetoes & RewriteVetoes.Antonyms) != 0 && features[13] > 0)
        || ((vetoes & RewriteVetoes.NegatedPredicate) != 0 && features[25] > 0)
        || ((vetoes & RewriteVetoes.NameInRole) != 0 && features[23] > 0)
        || ((vetoes & RewriteVetoes.OtherActorOtherFigure) != 0 && features[6] > 0 && features[9] > 0 && features[8] == 0)
        || ((vetoes & RewriteVetoes.NamesExchanged) != 0 && features[26] > 0);

    /// <summary>Content words beyond this many per sentence are not aligned.</summary>
    public const int MaxWords = 64;

    /// <summary>The feature names, in input order.</summary>
    public static readonly string[] Names =
    [
        "coverage_min", "coverage_max", "exact_share", "aligned", "unaligned_weight_max", "names_shared", "names_only_min",
        "names_only_max", "figures_agree", "figures_differ", "figures_unpaired", "negation_mismatch", "direction_conflict",
        "antonyms", "order", "name_swap", "fuzzy", "jaccard", "length_ratio", "content_min", "bigram_share", "negation_difference", "partial_fuzzy",
        "name_slot", "role_flip", "negation_aligned", "names_exchanged",
    ];

    /// <summary>The number of features.</summary>
    public static int Count => Names.Length;

    /// <summary>Computes the features of a pair into <paramref name="features"/> (at least <see cref="Count"/> long).</summary>
    /// <param name="a">One sentence.</param>
    /// <param name="b">The other.</param>
    /// <param name="fuzzy">The token-set ratio of the pair, in [0, 1].</param>
    /// <param name="jaccard">The copy-shingle Jaccard of the pair, in [0, 1].</param>
    /// <param name="partialFuzzy">The partial ratio of the pair (best-matching substring), in [0, 1].</param>
    /// <param name="isCommon">Whether a content-word hash is common in the corpus.</param>
    /// <param name="features">Receives the features.</param>
    public static void Compute(RewriteSentence a, RewriteSentence b, double fuzzy, double jaccard, double partialFuzzy, Func<ulong, bool> isCommon, Span<float> features)
    {
        var lexicon = WordNetLexicon.Instance;
        var x = a.Words.AsSpan(0, Math.Min(a.Words.Length, MaxWords));
        var y = b.Words.AsSpan(0, Math.Min(b.Words.Length, MaxWords));
        Span<int> matchA = stackalloc int[x.Length];
        Span<int> matchB = stackalloc int[y.Length];
        Span<byte> level = stackalloc byte[x.Length];
        level.Clear();
        matchA.Fill(-1);
        matchB.Fill(-1);

        // Every word pair's strength once (at most 64 x 64 bytes), then the passes read it.
        Span<byte> strength = stackalloc byte[x.Length * y.Length];
        var strongest = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var row = strength.Slice(i * y.Length, y.Length);
            for (var j = 0; j < y.Length; j++)
            {
                var s = Strength(lexicon, a, x[i], b, y[j]);
                row[j] = (byte)s;
                strongest = Math.Max(strongest, s);
            }
        }

        // Pass 3: same stem or shared lemma; 2: synonyms; 1: derivational relatives.
        for (var pass = strongest; pass >= 1; pass--)
        {
            for (var i = 0; i < x.Length; i++)
            {
                if (matchA[i] >= 0)
                {
                    continue;
                }

                var best = -1;
                var bestDistance = int.MaxValue;
                var row = strength.Slice(i * y.Length, y.Length);
                for (var j = 0; j < y.Length; j++)
                {
                    if (matchB[j] >= 0 || row[j] != pass)
                    {
                        continue;
                    }

                    // Prefer a partner negated as this word is ("didn't happen" with "didn't happen", not with another
                    // "happened"), then the one at the closest relative position.
                    var distance = Math.Abs((i * y.Length) - (j * x.Length)) + (x[i].Negations == y[j].Negations ? 0 : NegationMismatchDistance);
                    if (distance < bestDistance)
                    {
                        best = j;
                        bestDistance = distance;
                    }
                }

                if (best >= 0)
                {
                    matchA[i] = best;
                    matchB[best] = i;
                    level[i] = (byte)pass;
                }
            }
        }

        float weightA = 0, weightB = 0, alignedA = 0, alignedB = 0, unalignedA = 0, unalignedB = 0;
        int aligned = 0, exact = 0, namesShared = 0, namesOnlyA = 0, namesOnlyB = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var w = Weight(x[i], isCommon);
            weightA += w;
            if (matchA[i] >= 0)
            {
                alignedA += w;
                aligned++;
                exact += level[i] == 3 ? 1 : 0;
                namesShared += x[i].IsName ? 1 : 0;
            }
            else
            {
                unalignedA += w;
                namesOnlyA += x[i].IsName ? 1 : 0;
            }
        }

        for (var j = 0; j < y.Length; j++)
        {
            var w = Weight(y[j], isCommon);
            weightB += w;
            if (matchB[j] >= 0)
            {
                alignedB += w;
            }
            else
            {
                unalignedB += w;
                namesOnlyB += y[j].IsName ? 1 : 0;
            }
        }

        var coverageA = weightA == 0 ? 0 : alignedA / weightA;
        var coverageB = weightB == 0 ? 0 : alignedB / weightB;

        // Figures: equal values first, then values of the same unit that differ.
        var (agree, differ, unpaired) = CompareFigures(a.Figures, b.Figures);

        // Direction: the words that go up or down, where the other sentence does not repeat them.
        int upA = 0, downA = 0, upB = 0, downB = 0, antonyms = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (matchA[i] < 0 || level[i] != 3)
            {
                upA += x[i].Direction > 0 ? 1 : 0;
                downA += x[i].Direction < 0 ? 1 : 0;
            }
        }

        for (var j = 0; j < y.Length; j++)
        {
            if (matchB[j] < 0 || level[matchB[j]] != 3)
            {
                upB += y[j].Direction > 0 ? 1 : 0;
                downB += y[j].Direction < 0 ? 1 : 0;
            }
        }

        Span<bool> yHas = stackalloc bool[y.Length];
        for (var j = 0; j < y.Length; j++)
        {
            yHas[j] = HasAntonyms(lexicon, b, y[j]);
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (matchA[i] >= 0 && level[i] == 3)
            {
                continue;
            }

            var xHas = HasAntonyms(lexicon, a, x[i]);
            for (var j = 0; j < y.Length; j++)
            {
                if ((xHas || yHas[j]) && (matchB[j] < 0 || level[matchB[j]] != 3) && AreAntonyms(lexicon, a, x[i], b, y[j]))
                {
                    antonyms++;
                }
            }
        }

        var directionConflict = (upA > 0 && downA == 0 && downB > 0 && upB == 0) || (downA > 0 && upA == 0 && upB > 0 && downB == 0);

        // Order: the longest run of aligned words kept in order, and names that swap places.
        var order = aligned == 0 ? 0 : (float)LongestIncreasing(matchA) / aligned;
        var nameSwap = a.IsPassive == b.IsPassive && NamesSwap(x, matchA);

        // Adjacent content-word pairs of the shorter sentence found adjacent, in order, in the other.
        var bigrams = 0;
        var bigramTotal = 0;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            bigramTotal++;
            if (matchA[i] >= 0 && matchA[i + 1] == matchA[i] + 1)
            {
                bigrams++;
            }
        }

        features[0] = Math.Min(coverageA, coverageB);
        features[1] = Math.Max(coverageA, coverageB);
        features[2] = aligned == 0 ? 0 : (float)exact / aligned;
        features[3] = aligned;
        features[4] = Math.Max(unalignedA, unalignedB);
        features[5] = namesShared;
        features[6] = Math.Min(namesOnlyA, namesOnlyB);
        features[7] = Math.Max(namesOnlyA, namesOnlyB);
        features[8] = agree;
        features[9] = differ;
        features[10] = unpaired;
        features[11] = (a.NegationCount > 0) != (b.NegationCount > 0) ? 1 : 0;
        features[12] = directionConflict ? 1 : 0;
        features[13] = antonyms;
        features[14] = order;
        features[15] = nameSwap ? 1 : 0;
        features[16] = (float)fuzzy;
        features[17] = (float)jaccard;
        features[18] = Math.Max(x.Length, y.Length) == 0 ? 0 : (float)Math.Min(x.Length, y.Length) / Math.Max(x.Length, y.Length);
        features[19] = Math.Min(x.Length, y.Length);
        features[20] = bigramTotal == 0 ? 0 : (float)bigrams / bigramTotal;
        features[21] = Math.Abs(a.NegationCount - b.NegationCount);
        features[22] = (float)partialFuzzy;
        features[23] = NameSlots(x, matchA, y, matchB) + NameSlots(y, matchB, x, matchA);
        features[24] = RoleFlips(lexicon, a, x, matchA, a.IsPassive != b.IsPassive);
        features[25] = NegatedAlone(x, matchA, y, matchB);
        features[26] = NamesExchanged(x, matchA);
    }

    /// <summary>
    /// Aligned words negated on one side only: the predicate both sentences share is denied by one ("was downplayed" /
    /// "has not been downplayed"). A negation of a word the other sentence lacks is not counted: it may belong to a
    /// clause the other leaves out; nor is a word without a negation of its own in a clause an earlier negation may
    /// cover ("did not promise ... or reject the demand" / "nor have they rejected the request"). Two unaligned words
    /// in one slot (between the same aligned neighbours: "allies have called on Russia" / "allies did not urge Russia")
    /// count as a shared predicate.
    /// </summary>
    private static int NegatedAlone(ReadOnlySpan<RewriteSentence.Word> x, ReadOnlySpan<int> matchX, ReadOnlySpan<RewriteSentence.Word> y, ReadOnlySpan<int> matchY)
    {
        var count = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var j = matchX[i];
            if (j < 0)
            {
                // The unaligned partner in the same slot, if any: after the partner of x's previous word, or before the
                // partner of its next word.
                if (i > 0 && matchX[i - 1] is var p and >= 0 && p + 1 < y.Length && matchY[p + 1] < 0)
                {
                    j = p + 1;
                }
                else if (i + 1 < x.Length && matchX[i + 1] is var n and > 0 && matchY[n - 1] < 0)
                {
                    j = n - 1;
                }
                else
                {
                    continue;
                }
            }

            if (x[i].Negations == y[j].Negations)
            {
                continue;
            }

            ref readonly var plain = ref x[i].Negations < y[j].Negations ? ref x[i] : ref y[j];
            count += plain.Negations == 0 && plain.InNegatedClause ? 0 : 1;
        }

        return count;
    }

    /// <summary>
    /// Two aligned names that trade places: name p stands next to word w in one sentence, and in the other w's partner
    /// stands next to the partner of another name q, while q stands next to a word w' whose partner stands next to p's
    /// partner ("Selenski used the mattress ..., Fischi said" / "Fischi used the mattress ..., Selenski said"). A
    /// paraphrase moves names with their words; it does not exchange them.
    /// </summary>
    private static int NamesExchanged(ReadOnlySpan<RewriteSentence.Word> x, ReadOnlySpan<int> matchX)
    {
        var exchanged = 0;
        for (var p = 0; p < x.Length; p++)
        {
            if (!x[p].IsName || matchX[p] < 0)
            {
                continue;
            }

            for (var q = p + 2; q < x.Length; q++)
            {
                if (x[q].IsName && matchX[q] >= 0 && x[q].Key != x[p].Key && TakesPlace(x, matchX, p, q) && TakesPlace(x, matchX, q, p))
                {
                    exchanged++;
                }
            }
        }

        return exchanged;
    }

    /// <summary>Whether a non-name word next to name <paramref name="p"/> has its partner next to the partner of name <paramref name="q"/>, on the same side.</summary>
    private static bool TakesPlace(ReadOnlySpan<RewriteSentence.Word> x, ReadOnlySpan<int> matchX, int p, int q)
    {
        var target = matchX[q];
        for (var side = -1; side <= 1; side += 2)
        {
            var w = p + side;
            if (w < 0 || w >= x.Length || x[w].IsName || matchX[w] < 0)
            {
                continue;
            }

            var partner = matchX[w] - side;
            if (partner == target)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Names put in another's place: an unaligned name next to an aligned word whose partner has, on the same side,
    /// an unaligned name of its own ("Amrozi accused his brother" / "Morales accused his brother"). The aligned word's
    /// actor (or object) is someone else.
    /// </summary>
    private static int NameSlots(ReadOnlySpan<RewriteSentence.Word> x, ReadOnlySpan<int> matchX, ReadOnlySpan<RewriteSentence.Word> y, ReadOnlySpan<int> matchY)
    {
        var slots = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!x[i].IsName || matchX[i] >= 0)
            {
                continue;
            }

            // The next word is aligned, and its partner's previous word is an unaligned name; or the mirror image.
            if (i + 1 < x.Length && matchX[i + 1] is var next and > 0 && y[next - 1].IsName && matchY[next - 1] < 0 && !x[i + 1].IsName)
            {
                slots++;
            }
            else if (i > 0 && matchX[i - 1] is var previous and >= 0 && previous + 1 < y.Length && y[previous + 1].IsName && matchY[previous + 1] < 0 && !x[i - 1].IsName)
            {
                slots++;
            }
        }

        return slots;
    }

    /// <summary>
    /// Who did what to whom, by order around the verb: for each aligned word that can be a verb, the nearest aligned
    /// nouns or names before and after it in the first sentence; when the other sentence puts both on the opposite
    /// sides ("X beat Y" / "Y beat X"), the roles flipped, unless exactly one sentence is passive (then a flip is the
    /// expected "Y was beaten by X", and keeping the order is the flip).
    /// </summary>
    /// <remarks>
    /// Known limitation: with exactly one passive sentence the inversion applies to every pivot, not only the passive
    /// verb, so other verb-like words between kept arguments count too; the model was trained with this definition.
    /// </remarks>
    private static int RoleFlips(WordNetLexicon lexicon, RewriteSentence a, ReadOnlySpan<RewriteSentence.Word> x, ReadOnlySpan<int> matchA, bool voiceDiffers)
    {
        var flips = 0;
        for (var k = 1; k + 1 < x.Length; k++)
        {
            if (matchA[k] < 0 || x[k].IsName || !HasFlag(lexicon, a, x[k], WordNetLexicon.LemmaFlags.Verb))
            {
                continue;
            }

            var before = -1;
            for (var i = k - 1; i >= 0 && before < 0; i--)
            {
                before = matchA[i] >= 0 && IsArgument(lexicon, a, x[i]) ? i : -1;
            }

            var after = -1;
            for (var i = k + 1; i < x.Length && after < 0; i++)
            {
                after = matchA[i] >= 0 && IsArgument(lexicon, a, x[i]) ? i : -1;
            }

            if (before < 0 || after < 0)
            {
                continue;
            }

            var flipped = matchA[after] < matchA[k] && matchA[k] < matchA[before];
            var kept = matchA[before] < matchA[k] && matchA[k] < matchA[after];
            if (voiceDiffers ? kept : flipped)
            {
                flips++;
            }
        }

        return flips;
    }

    private static bool IsArgument(WordNetLexicon lexicon, RewriteSentence a, in RewriteSentence.Word word) =>
        word.IsName || (word.LemmaCount > 0 && HasFlag(lexicon, a, word, WordNetLexicon.LemmaFlags.Noun) && !HasFlag(lexicon, a, word, WordNetLexicon.LemmaFlags.Verb));

    private static bool HasFlag(WordNetLexicon lexicon, RewriteSentence a, in RewriteSentence.Word word, WordNetLexicon.LemmaFlags flag)
    {
        foreach (var lemma in a.LemmasOf(word))
        {
            if ((lexicon.Flags(lemma) & flag) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static float Weight(in RewriteSentence.Word word, Func<ulong, bool> isCommon) =>
        isCommon(word.Key) ? word.Weight * 0.5f : word.Weight;

    /// <summary>3: same stem or a shared lemma; 2: WordNet synonyms; 1: one derivational family; 0: unrelated.</summary>
    private static int Strength(WordNetLexicon lexicon, RewriteSentence a, in RewriteSentence.Word x, RewriteSentence b, in RewriteSentence.Word y)
    {
        if (x.Key == y.Key)
        {
            return 3;
        }

        if (x.IsName && y.IsName)
        {
            return SpelledAlike(x.Shape, y.Shape) ? 2 : 0;
        }

        var lx = a.LemmasOf(x);
        var ly = b.LemmasOf(y);
        if (lx.IsEmpty || ly.IsEmpty || x.IsName || y.IsName)
        {
            return 0;
        }

        var best = 0;
        foreach (var p in lx)
        {
            foreach (var q in ly)
            {
                if (p == q)
                {
                    return 3;
                }

                if (best < 2 && lexicon.AreSynonyms(p, q))
                {
                    best = 2;
                }
                else if (best < 1 && lexicon.StemClass(p) == lexicon.StemClass(q))
                {
                    best = 1;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Two spellings of one name: at least <see cref="MinShapePairs"/> letter pairs in common, and
    /// at least <see cref="MinShapeShare"/> of the pairs of either in common ("Sundwell" / "Sundwall", "Guangdong" /
    /// "Guandong"; not "Perry" / "Petrov"). Aligned like synonyms, so a respelled name is not a replaced one.
    /// </summary>
    private static bool SpelledAlike(ulong x, ulong y)
    {
        var common = ulong.PopCount(x & y);
        return common >= MinShapePairs && common >= MinShapeShare * ulong.PopCount(x | y);
    }

    private const int MinShapePairs = 4;

    /// <summary>Farther than any two positions (at most 64 × 64): a partner negated otherwise is taken only when no other is left.</summary>
    private const int NegationMismatchDistance = 1 << 16;
    private const double MinShapeShare = 0.5;

    private static bool HasAntonyms(WordNetLexicon lexicon, RewriteSentence a, in RewriteSentence.Word x)
    {
        foreach (var p in a.LemmasOf(x))
        {
            if (!lexicon.Antonyms(p).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AreAntonyms(WordNetLexicon lexicon, RewriteSentence a, in RewriteSentence.Word x, RewriteSentence b, in RewriteSentence.Word y)
    {
        foreach (var p in a.LemmasOf(x))
        {
            foreach (var q in b.LemmasOf(y))
            {
                if (lexicon.AreAntonyms(p, q))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (int Agree, int Differ, int Unpaired) CompareFigures(RewriteSentence.Figure[] a, RewriteSentence.Figure[] b)
    {
        Span<bool> usedA = stackalloc bool[Math.Min(a.Length, 32)];
        Span<bool> usedB = stackalloc bool[Math.Min(b.Length, 32)];
        usedA.Clear(); // the module skips zeroing stack memory
        usedB.Clear();
        int agree = 0, differ = 0;
        for (var i = 0; i < usedA.Length; i++)
        {
            for (var j = 0; j < usedB.Length; j++)
            {
                if (!usedB[j] && Compatible(a[i], b[j]) && Close(a[i].Value, b[j].Value))
                {
                    usedA[i] = usedB[j] = true;
                    agree++;
                    break;
                }
            }
        }

        for (var i = 0; i < usedA.Length; i++)
        {
            if (usedA[i] || a[i].Unit is 3 or 4)
            {
                continue;
            }

            for (var j = 0; j < usedB.Length; j++)
            {
                if (!usedB[j] && a[i].Unit == b[j].Unit && b[j].Unit is not (3 or 4))
                {
                    usedA[i] = usedB[j] = true;
                    differ++;
                    break;
                }
            }
        }

        var unpaired = 0;
        foreach (var used in usedA)
        {
            unpaired += used ? 0 : 1;
        }

        foreach (var used in usedB)
        {
            unpaired += used ? 0 : 1;
        }

        return (agree, differ, unpaired);
    }

    private static bool Compatible(RewriteSentence.Figure a, RewriteSentence.Figure b) => a.Unit == b.Unit || a.Unit == 0 || b.Unit == 0;

    /// <summary>Equal within the rounding of the rounder figure (100,000 matches 98,750 loosely; 2.1 does not match 2.4).</summary>
    private static bool Close(double a, double b)
    {
        if (a == b)
        {
            return true;
        }

        var max = Math.Max(Math.Abs(a), Math.Abs(b));
        return max > 0 && Math.Abs(a - b) / max <= 0.02;
    }

    private static int LongestIncreasing(ReadOnlySpan<int> match)
    {
        Span<int> tails = stackalloc int[match.Length];
        var length = 0;
        foreach (var m in match)
        {
            if (m < 0)
            {
                continue;
            }

            int lo = 0, hi = length;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (tails[mid] < m)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            tails[lo] = m;
            length = Math.Max(length, lo + 1);
        }

        return length;
    }

    private static bool NamesSwap(ReadOnlySpan<RewriteSentence.Word> x, ReadOnlySpan<int> match)
    {
        var previous = -1;
        var previousName = -1;
        for (var i = 0; i < x.Length; i++)
        {
            if (!x[i].IsName || match[i] < 0)
            {
                continue;
            }

            // Consecutive words of one multi-word name stay together; a swap is between different names.
            if (previousName >= 0 && i - previousName > 1 && match[i] < previous)
            {
                return true;
            }

            previous = match[i];
            previousName = i;
        }

        return false;
    }
}

/// <summary>Rules that overrule the rewrite model (see <see cref="RewriteFeatures.Contradicts"/>).</summary>
[Flags]
internal enum RewriteVetoes
{
    /// <summary>No rule: the model alone.</summary>
    None = 0,

    /// <summary>One side rises where the other falls.</summary>
    Direction = 1,

    /// <summary>One side negated, the other not.</summary>
    Negation = 2,

    /// <summary>The same names in swapped roles.</summary>
    NameSwap = 4,

    /// <summary>Each side names someone the other does not.</summary>
    NameReplaced = 8,

    /// <summary>Aligned positions hold antonyms.</summary>
    Antonyms = 16,

    /// <summary>A word both sentences share is negated in one only.</summary>
    NegatedPredicate = 32,

    /// <summary>Another name in the place of a name, next to the same word ("Amrozi accused" / "Morales accused").</summary>
    NameInRole = 64,

    /// <summary>
    /// Each side names someone the other does not, and a figure differs with none agreeing: another actor with another
    /// figure. A changed figure alone is not vetoed (a rewrite with a changed figure links, and the conflict shows).
    /// </summary>
    OtherActorOtherFigure = 128,

    /// <summary>Two names that trade places between the same words ("Selenski used ..., Fischi said" / "Fischi used ..., Selenski said").</summary>
    NamesExchanged = 256,
}
