using System.Globalization;
using System.Text.RegularExpressions;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Comparison;

/// <summary>Aligns figures across sources into agreements, conflicts and single-source claims.</summary>
/// <remarks>
/// Figures are compared only within a block of the same kind, unit, direction (a rise with a rise, never a change with a
/// level) and counted-noun class (troops with soldiers, members with nations), and of the same frame role (claim or
/// baseline) and mode (forecast or outcome), so the work grows with the size of each block, not with the square of the
/// story: a block of n wordings costs at most min(n(n-1)/2, <see cref="ComparisonOptions.MaxComparisonsPerBlock"/>)
/// comparisons, and frames add none (each wording's frame is read once from its clause of at most 400 characters, and a
/// pair's frames are compared in constant time).
/// A pair's score is the Dice similarity of the clause contexts (keys from <see cref="TopicLexicon"/>),
/// plus <see cref="ComparisonOptions.LinkedBonus"/> when the two sentences are near-duplicates. For an
/// agreement, an identical value adds a bonus that grows with how specific the number is (two sources
/// both saying "100,000 troops" is evidence; both saying "two" is not). Conflicts get no such bonus and a
/// higher threshold. Agreements are the connected components of agreeing pairs; a conflict links two
/// components with disjoint intervals.
/// <para>
/// Agreement may rest on the whole sentence's content words (a year's meaning is spread over its sentence:
/// "NATO promised as far back as 2008 to admit Ukraine"), conflicts only on the figure's own clause. Two
/// intervals a hair apart ("four hours" and "nearly four hours") are compatible: a conflict needs a gap of
/// at least <see cref="MaterialGap"/> of the larger value. A date that names a year ("April 2014") also
/// aligns as that year.
/// </para>
/// </remarks>
internal sealed partial class FigureAligner(ComparisonOptions options, PassageLinks links)
{
    /// <summary>Relative gap below which two intervals are treated as touching rather than disjoint.</summary>
    private const double MaterialGap = 0.05;

    /// <summary>Weight of whole-sentence similarity against clause similarity for agreements.</summary>
    private const double SentenceWeight = 0.9;

    private static readonly IReadOnlyList<string> NoContext = [];

    /// <summary>The block of counts of people killed, hurt, missing or displaced, whatever noun each sentence counts them by.</summary>
    private const string CasualtyBlock = "casualties";

    /// <summary>The block of quake magnitudes, however the extractor read each ("magnitude 7.8", "a 7.9-magnitude quake", "magnitude-7.9").</summary>
    private const string MagnitudeUnit = "magnitude";

    private readonly Dictionary<(string, int), HashSet<string>> _sentenceKeys = [];

    private readonly Dictionary<string, string?> _mainEntities = new(StringComparer.Ordinal);

    /// <summary>The block of each wording (by <see cref="Item.Index"/>) of the alignment under way.</summary>
    private List<Item>[]? _blockOf;

    /// <summary>The wordings of the alignment under way.</summary>
    private List<Item>? _items;

    /// <summary>How many single-source findings of each document the per-document bound left out before they were built.</summary>
    public Dictionary<string, long> DroppedSingleSource { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// One wording of a figure: the figure as one document prints it (the representative: earliest date, then document id,
    /// then position) and every copy of it, the same figure in the same words in a passage the near-duplicate stage
    /// linked to the representative's.
    /// </summary>
    // Ordinal: position of the figure among the comparable figures of its kind in its passage;
    // Siblings: how many such figures the passage holds; Root: the link set of its passage, -1 when unlinked.
    private sealed class Item(int index, DocumentClaims document, Figure figure, HashSet<string> context, string nounKey, int ordinal, int siblings, int root)
    {
        public int Index { get; } = index;

        public DocumentClaims Document { get; private set; } = document;

        public Figure Figure { get; private set; } = figure;

        public HashSet<string> Context { get; private set; } = context;

        public string NounKey { get; } = nounKey;

        public int Ordinal { get; } = ordinal;

        public int Siblings { get; } = siblings;

        public int Root { get; } = root;

        /// <summary>The representative first, then the copies in canonical order (document, position).</summary>
        public List<(DocumentClaims Document, Figure Figure)> Members { get; } = [(document, figure)];

        /// <summary>The one document every member stands in, or null when the members span several.</summary>
        public string? OnlyDocument { get; private set; } = document.Document;

        /// <summary>Every document that prints this wording (the representative's and the copies').</summary>
        public HashSet<string> DocumentSet => _documentSet ??= [.. Members.Select(static m => m.Document.Document)];

        private HashSet<string>? _documentSet;

        /// <summary>Content-word keys of the figure's sentence without its noun, computed when first needed.</summary>
        public HashSet<string>? Sentence { get; set; }

        /// <summary>The figure's frame, read when first needed; null when the document's text is not kept.</summary>
        public ClaimFrame? Frame { get; set; }

        /// <summary>Whether <see cref="Frame"/> was read.</summary>
        public bool FrameRead { get; set; }

        /// <summary>The noun a bare count restating an earlier figure of its sentence takes from it.</summary>
        public string? RestatedNoun { get; init; }

        public void AddCopy(DocumentClaims copy, Figure copyFigure, HashSet<string> copyContext)
        {
            Members.Add((copy, copyFigure));
            if (OnlyDocument is not null && !string.Equals(OnlyDocument, copy.Document, StringComparison.Ordinal))
            {
                OnlyDocument = null;
            }

            if (IsEarlier(copy, copyFigure, Document, Figure))
            {
                Document = copy;
                Figure = copyFigure;
                Context = copyContext;
            }
        }

        /// <summary>Puts the representative first and the copies in (document, position) order.</summary>
        public void Seal()
        {
            var representative = (Document, Figure);
            Members.Sort(static (x, y) =>
            {
                var c = string.CompareOrdinal(x.Document.Document, y.Document.Document);
                return c != 0 ? c : x.Figure.Start.CompareTo(y.Figure.Start);
            });
            Members.Remove(representative);
            Members.Insert(0, representative);
        }
    }

    /// <summary>Whether a claim of <paramref name="a"/> at <paramref name="fa"/> comes before one of <paramref name="b"/>: earlier date (undated last), then document id, then position.</summary>
    private static bool IsEarlier(DocumentClaims a, Figure fa, DocumentClaims b, Figure fb)
    {
        var da = a.Source?.Date;
        var db = b.Source?.Date;
        if (da.HasValue != db.HasValue)
        {
            return da.HasValue;
        }

        if (da.HasValue && da.Value != db!.Value)
        {
            return da.Value < db.Value;
        }

        var c = string.CompareOrdinal(a.Document, b.Document);
        return c != 0 ? c < 0 : fa.Start < fb.Start;
    }

    /// <summary>Aligns the figures of <paramref name="documents"/> and adds the findings.</summary>
    /// <param name="documents">The claims of each source.</param>
    /// <param name="findings">Receives the findings.</param>
    /// <param name="focus">
    /// When set, only the figures connected to this document's figures (through agreeing or conflicting pairs,
    /// however indirectly) are compared and emitted: every finding that involves the document comes out exactly as
    /// in a full alignment, and findings among the other documents alone may or may not. Copies are not folded then.
    /// </param>
    /// <param name="omitted">Receives what a comparison cap left out; may be null.</param>
    /// <param name="cancellationToken">Checked for every figure whose block is compared.</param>
    public void Align(IReadOnlyList<DocumentClaims> documents, List<Finding> findings, string? focus = null, ICollection<Omission>? omitted = null, CancellationToken cancellationToken = default)
    {
        var items = new List<Item>();
        var blocks = new Dictionary<(FigureKind Kind, string? Unit, FigureDirection Direction, string Noun, FrameRole Role, bool Forecast), List<Item>>();
        var blockOf = new List<List<Item>>();
        var fold = focus is null && options.FoldCopies;
        var wordings = new Dictionary<(int Root, int Ordinal, int Siblings, Figure Figure), Item>();
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var perPassage = new Dictionary<(int, FigureKind), int>();
            foreach (var original in document.Figures)
            {
                var figure = AsYear(original);
                if (IsComparable(figure))
                {
                    var key = (figure.PassageIndex, figure.Kind);
                    perPassage[key] = perPassage.GetValueOrDefault(key) + 1;
                }
            }

            var seen = new Dictionary<(int, FigureKind), int>();
            Figure? previousCount = null;
            foreach (var original in document.Figures)
            {
                var figure = AsYear(original);
                var restated = RestatedNoun(document, figure, previousCount);
                if (figure.Kind == FigureKind.Count)
                {
                    previousCount = figure;
                }

                if (!IsComparable(figure))
                {
                    continue;
                }

                var slot = (figure.PassageIndex, figure.Kind);
                var ordinal = seen.GetValueOrDefault(slot);
                seen[slot] = ordinal + 1;

                // A bare count that restates the counted figure before it ("the figure at 750,000") counts what that one counts.
                var nounKey = (figure.Noun ?? restated) is { Length: > 0 } noun ? TopicLexicon.Key(noun) : "";
                var context = new HashSet<string>(StringComparer.Ordinal);
                foreach (var word in figure.Context)
                {
                    var key = TopicLexicon.Key(word);
                    if (key != nounKey)
                    {
                        context.Add(key);
                    }
                }

                var root = links.RootOf(document.Document, figure.PassageIndex);

                // A copy of a figure already seen (same words and reading, in a passage linked to its passage, at the same
                // place among its siblings) joins that wording: later stages cost what the distinct wordings cost.
                var foldKey = (root, ordinal, perPassage[slot], figure with
                {
                    Start = 0,
                    End = 0,
                    PassageIndex = 0,
                    Text = figure.Text.Trim().ToLowerInvariant(),
                    Context = NoContext,
                });
                if (fold && root >= 0 && wordings.TryGetValue(foldKey, out var wording))
                {
                    wording.AddCopy(document, figure, context);
                    continue;
                }

                var item = new Item(items.Count, document, figure, context, nounKey, ordinal, perPassage[slot], root) { RestatedNoun = restated };
                items.Add(item);
                if (fold && root >= 0)
                {
                    wordings[foldKey] = item;
                }
            }
        }

        // Money is blocked without its noun: the noun after a sum names what was bought ("a $17 billion sale", "a $16bn
        // order"), not what is measured. A block whose wordings span several documents is split further by the parts of
        // the frame that must be equal for two figures to be compared at all (a claim is never compared with a baseline,
        // nor a forecast with an outcome), so frames add no comparisons; a block of one document's wordings is never
        // compared and its frames are not read.
        var coarse = new Dictionary<(FigureKind, string?, FigureDirection, string), (List<Item> Items, string? Document, bool Several)>();
        foreach (var item in items)
        {
            item.Seal();
            // Only figures of one kind, unit and direction are compared: a change is never a level, a year only a year.
            var figure = item.Figure;
            var key = figure.Kind == FigureKind.Year
                ? (figure.Kind, null, FigureDirection.None, "")
                : FrameReader.IsMagnitude(figure)
                    ? (FigureKind.Measure, MagnitudeUnit, FigureDirection.None, MagnitudeUnit)
                    : (figure.Kind, figure.Unit, figure.Direction, BlockNoun(figure, item.NounKey));
            var group = coarse.TryGetValue(key, out var found) ? found : ([], item.OnlyDocument, false);
            group.Items.Add(item);
            group.Several |= item.OnlyDocument is null || !string.Equals(item.OnlyDocument, group.Document, StringComparison.Ordinal);
            coarse[key] = group;
        }

        var blockOfIndex = new List<Item>[items.Count];
        foreach (var ((kind, unit, direction, noun), (members, _, several)) in coarse)
        {
            foreach (var item in members)
            {
                var frame = !several || kind == FigureKind.Year ? null : FrameOf(item);
                var blockKey = (kind, unit, direction, noun, frame?.Role ?? FrameRole.Claim, frame is not null && FrameReader.IsForecast(frame));
                if (!blocks.TryGetValue(blockKey, out var block))
                {
                    blocks[blockKey] = block = [];
                }

                block.Add(item);
                blockOfIndex[item.Index] = block;
            }
        }

        blockOf.AddRange(blockOfIndex);
        _blockOf = blockOfIndex;
        _items = items;

        var sets = new UnionFind(items.Count);
        var conflicts = new List<(Item A, Item B, double Score)>();
        var updates = new List<(Item A, Item B, double Score)>();
        var agreeScores = new double[items.Count];
        foreach (var item in items)
        {
            if (item.OnlyDocument is null)
            {
                // Copies in several documents agree with one another: the same words, read the same way.
                agreeScores[item.Index] = SelfScore(item);
            }
        }

        if (focus is null)
        {
            foreach (var ((kind, _, _, noun, _, _), block) in blocks)
            {
                CompareBlock(block, kind, noun, sets, conflicts, updates, agreeScores, omitted, cancellationToken);
            }

            Emit(items, sets, conflicts, updates, agreeScores, findings);
            return;
        }

        // Breadth-first from the focus document's figures: every reached figure is compared with its whole block (but
        // for the wordings of its own document alone, which the full alignment never compares either), so each reached
        // figure's agreements and conflicts, and with them its component and its conflict group,
        // are complete; figures never reached cannot be part of a finding that involves the focus document.
        var reached = new bool[items.Count];
        var expanded = new bool[items.Count];
        var queue = new Queue<Item>();
        foreach (var item in items)
        {
            if (string.Equals(item.Document.Document, focus, StringComparison.Ordinal))
            {
                reached[item.Index] = true;
                queue.Enqueue(item);
            }
        }

        var reachedItems = new List<Item>();
        while (queue.TryDequeue(out var x))
        {
            cancellationToken.ThrowIfCancellationRequested();
            expanded[x.Index] = true;
            foreach (var y in blockOf[x.Index])
            {
                // As in the full alignment (CompareBlock), wordings that stand in one and the same document alone are never
                // compared: a long new article's figures met each other in n(n-1)/2 comparisons here otherwise.
                if (expanded[y.Index]
                    || (x.OnlyDocument is not null && string.Equals(x.OnlyDocument, y.OnlyDocument, StringComparison.Ordinal)))
                {
                    continue;
                }

                // The same argument order as the full alignment, so scores and evidence order are identical.
                var edge = x.Index < y.Index ? Compare(x, y, sets, conflicts, updates, agreeScores) : Compare(y, x, sets, conflicts, updates, agreeScores);
                if (edge && !reached[y.Index])
                {
                    reached[y.Index] = true;
                    queue.Enqueue(y);
                }
            }
        }

        foreach (var item in items)
        {
            if (reached[item.Index])
            {
                reachedItems.Add(item);
            }
        }

        Emit(reachedItems, sets, conflicts, updates, agreeScores, findings);
    }

    /// <summary>
    /// Compares every pair of wordings of one block that can stand in different documents, up to
    /// <see cref="ComparisonOptions.MaxComparisonsPerBlock"/> pairs; wordings printed by more documents come first, so a
    /// capped block still compares what most sources say. What the cap leaves out is recorded.
    /// </summary>
    private void CompareBlock(
        List<Item> block, FigureKind kind, string noun, UnionFind sets, List<(Item, Item, double)> conflicts, List<(Item, Item, double)> updates, double[] agreeScores, ICollection<Omission>? omitted, CancellationToken cancellationToken)
    {
        // Wordings of a single document are compared with other documents' only, never with one another:
        // count the pairs that can be compared at all before deciding whether the cap applies.
        var perDocument = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in block)
        {
            if (item.OnlyDocument is { } only)
            {
                perDocument[only] = perDocument.GetValueOrDefault(only) + 1;
            }
        }

        long n = block.Count;
        var possible = n * (n - 1) / 2;
        foreach (var count in perDocument.Values)
        {
            possible -= (long)count * (count - 1) / 2;
        }

        var budget = options.MaxComparisonsPerBlock;
        var order = block;
        if (possible > budget)
        {
            order = new List<Item>(block);
            order.Sort(static (x, y) =>
            {
                var c = y.Members.Count.CompareTo(x.Members.Count);
                return c != 0 ? c : x.Index.CompareTo(y.Index);
            });
        }

        if (possible == 0)
        {
            return;
        }

        // runEnd[j]: one past the last position of the run of wordings, from j on, that stand in j's document alone.
        // Wordings are listed document by document, so one long article is one run that the inner loop jumps over
        // instead of visiting its n(n-1)/2 pairs only to skip them.
        var runEnd = new int[order.Count];
        for (var j = order.Count - 1; j >= 0; j--)
        {
            runEnd[j] = order[j].OnlyDocument is { } document && j + 1 < order.Count
                && string.Equals(document, order[j + 1].OnlyDocument, StringComparison.Ordinal)
                ? runEnd[j + 1]
                : j + 1;
        }

        long done = 0;
        for (var i = 0; i < order.Count && done < budget && done < possible; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var a = order[i];
            for (var j = i + 1; j < order.Count; j++)
            {
                var b = order[j];
                if (a.OnlyDocument is not null && string.Equals(a.OnlyDocument, b.OnlyDocument, StringComparison.Ordinal))
                {
                    j = runEnd[j] - 1;
                    continue;
                }

                if (done++ >= budget)
                {
                    break;
                }

                // Arguments in index order, whatever the comparison order, so scores and evidence do not depend on it.
                _ = a.Index < b.Index ? Compare(a, b, sets, conflicts, updates, agreeScores) : Compare(b, a, sets, conflicts, updates, agreeScores);
            }
        }

        if (possible > done && omitted is not null)
        {
            var label = noun.Length == 0 ? kind.ToString().ToLowerInvariant() : $"{kind.ToString().ToLowerInvariant()} of {noun}";
            lock (omitted)
            {
                omitted.Add(new Omission(OmissionReasons.ComparisonsPerBlock, $"figure comparisons in the block \"{label}\" ({block.Count} wordings) beyond --max-comparisons {budget}", possible - done));
            }
        }
    }

    /// <summary>
    /// What a figure is blocked by besides its kind, unit and direction: nothing for money (the noun after a sum names what
    /// was bought), one casualty class for a count of people or of nothing that its clause says were killed, hurt, missing
    /// or displaced ("the toll has risen to 1,953", "3,617 people have been killed", "6,515 injured"; the frames then tell
    /// the dead from the injured), else the counted noun.
    /// </summary>
    internal static string BlockNoun(Figure figure, string nounKey)
    {
        if (figure.Kind == FigureKind.Money)
        {
            return "";
        }

        if (figure.Kind != FigureKind.Count || (nounKey.Length > 0 && !FrameReader.IsCasualtyNoun(nounKey)))
        {
            return nounKey;
        }

        if (figure.Noun is { } noun && FrameReader.IsOutcomeWord(noun))
        {
            return CasualtyBlock;
        }

        foreach (var word in figure.Context)
        {
            if (FrameReader.IsOutcomeWord(word))
            {
                return CasualtyBlock;
            }
        }

        return nounKey;
    }

    /// <summary>The agreement score of a wording with a copy of itself in another document.</summary>
    private double SelfScore(Item item)
    {
        var bonus = item.Root >= 0 ? options.LinkedBonus : 0;
        var context = (item.Context.Count > 0 ? 1 : 0) + bonus;
        var sentence = SentenceOf(item).Count > 0 ? SentenceWeight : 0;
        var broad = Math.Max(context, sentence + bonus);
        return item.Figure.Kind == FigureKind.Year ? broad : broad + ValueBonus(item.Figure, item.Figure);
    }

    /// <summary>
    /// The relative gap between two intervals: 0 when they overlap, else the distance between them divided
    /// by the larger magnitude at the facing ends.
    /// </summary>
    private static double Gap(Figure a, Figure b)
    {
        if (a.Overlaps(b))
        {
            return 0;
        }

        // Years are exact: 2014 against 2015 is a difference, however small relative to 2014; so are magnitudes, on a
        // logarithmic scale (7.8 against 7.9 is a difference of a third in energy released).
        if (a.Kind == FigureKind.Year || (FrameReader.IsMagnitude(a) && FrameReader.IsMagnitude(b)))
        {
            return 1;
        }

        // Disjoint: one lies wholly below the other.
        var (lower, upper) = a.High is { } ah && b.Low is { } bl && ah <= bl ? (a, b) : (b, a);

        // "up to 1,000" (read as [0, 1,000]) against "over 1,000": two bounds that face each other across one number say
        // different things, however close the number.
        if ((lower.Low is null || (lower.Low == 0 && lower.High > 0)) && upper.High is null)
        {
            return 1;
        }

        var top = lower.High ?? double.PositiveInfinity;
        var bottom = upper.Low ?? double.NegativeInfinity;
        var scale = Math.Max(Math.Abs(top), Math.Abs(bottom));
        // Intervals that only touch ("$16bn" is [15.5bn, 16.5bn), "$17 billion" [16.5bn, 17.5bn)) are disjoint all the same:
        // a gap above zero, however small.
        return scale == 0 || double.IsInfinity(scale) ? 1 : Math.Max(MinGap, Math.Max(0, bottom - top) / scale);
    }

    /// <summary>The gap of two disjoint intervals that touch at one end.</summary>
    private const double MinGap = 1e-9;

    /// <summary>Relative distance within which an open bound ("at least X", "more than X", "as many as X") agrees with another figure.</summary>
    private const double BoundReach = 0.10;

    /// <summary>Whether one of two overlapping figures is open on one side and the other's number lies more than <see cref="BoundReach"/> from its bound.</summary>
    private static bool FarFromBound(Figure a, Figure b)
    {
        var openA = IsOpen(a);
        var openB = IsOpen(b);
        if (!openA && !openB)
        {
            return false;
        }

        var va = Anchor(a);
        var vb = Anchor(b);
        if (va is not { } x || vb is not { } y)
        {
            return false;
        }

        var scale = Math.Max(Math.Abs(x), Math.Abs(y));
        return scale > 0 && Math.Abs(x - y) / scale > BoundReach;

        // "up to £11.5 billion" is read as [0, 11.5bn]: an upper bound, as open as "as many as".
        static bool IsOpen(Figure f) => f.Low is null || f.High is null || (f.Low == 0 && f.High > 0 && f.Hedge is not null);

        // The number a figure states: its bound when open, else its value (or the middle of its range).
        static double? Anchor(Figure f) =>
            f.Low is null || (f.Low == 0 && f.High > 0 && f.Hedge is not null) ? f.High : f.High is null ? f.Low : f.Value ?? ((f.Low.Value + f.High.Value) / 2);
    }

    /// <summary>A date that names a year ("April 2014") as a year figure; any other figure as it is.</summary>
    private static Figure AsYear(Figure figure)
    {
        if (figure.Kind != FigureKind.Date || YearInDate().Match(figure.Text) is not { Success: true } match)
        {
            return figure;
        }

        var year = double.Parse(match.Value, CultureInfo.InvariantCulture);
        return figure with { Kind = FigureKind.Year, Value = year, Low = year, High = year, LowInclusive = true, HighInclusive = true };
    }

    [GeneratedRegex(@"\b(1[5-9]|20)\d\d\b", RegexOptions.CultureInvariant)]
    private static partial Regex YearInDate();

    /// <summary>Content-word keys of the passage a figure stands in (cached per passage), without the figure's noun.</summary>
    private HashSet<string> SentenceKeys(DocumentClaims document, int passageIndex, string nounKey)
    {
        if (!_sentenceKeys.TryGetValue((document.Document, passageIndex), out var keys))
        {
            keys = new HashSet<string>(StringComparer.Ordinal);
            if (document.Source is { } source && passageIndex >= 0 && passageIndex < source.Passages.Count)
            {
                foreach (var word in WordPattern().EnumerateMatches(source.Passages[passageIndex].Normalized))
                {
                    var text = source.Passages[passageIndex].Normalized.AsSpan(word.Index, word.Length);
                    if (text.Length > 1 && !Stopwords.Contains(text) && !char.IsDigit(text[0]))
                    {
                        keys.Add(TopicLexicon.Key(text.ToString()));
                    }
                }
            }

            _sentenceKeys[(document.Document, passageIndex)] = keys;
        }

        if (!keys.Contains(nounKey))
        {
            return keys;
        }

        var withoutNoun = new HashSet<string>(keys, StringComparer.Ordinal);
        withoutNoun.Remove(nounKey);
        return withoutNoun;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'-]*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    /// <summary>Whether the figure's words follow "since" after a superlative ("the fastest rate since 2003", "its highest level since May 2001").</summary>
    private static bool AfterSince(Item item)
    {
        if (item.Document.Source is not { } source)
        {
            return false;
        }

        var text = source.OriginalText;
        var end = Math.Clamp(item.Figure.Start, 0, text.Length);
        var before = text.AsSpan(Math.Max(0, end - 12), end - Math.Max(0, end - 12)).TrimEnd();
        if (!before.EndsWith("since", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Only the anchor of a record ("the fastest rate since 2003", "its highest level since May 2001"); "moribund since
        // April 2014" dates a state from an event of that year.
        var sinceAt = end - (end - Math.Max(0, end - 12)) + before.Length - "since".Length;
        var from = Math.Max(0, sinceAt - 80);
        return SuperlativeBefore().IsMatch(text.AsSpan(from, sinceAt - from));
    }

    [GeneratedRegex(@"\b(?:highest|lowest|biggest|largest|smallest|fastest|slowest|strongest|weakest|sharpest|steepest|deepest|worst|best|most|least|first time|record)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SuperlativeBefore();

    private static bool IsDecade(Figure figure) =>
        figure.Text.TrimEnd().EndsWith('s') && figure.Value is { } year && year % 10 == 0;

    private static bool IsComparable(Figure figure) =>
        figure.Kind is FigureKind.Count or FigureKind.Money or FigureKind.Percent or FigureKind.Duration or FigureKind.Measure or FigureKind.Year
        && (figure.Low is not null || figure.High is not null);

    /// <summary>Scores a pair; records an agreement (union) or a conflict.</summary>
    /// <returns>Whether the pair agreed or conflicted.</returns>
    private bool Compare(Item a, Item b, UnionFind sets, List<(Item, Item, double)> conflicts, List<(Item, Item, double)> updates, double[] agreeScores)
    {
        var fa = a.Figure;
        var fb = b.Figure;
        if ((a.OnlyDocument is not null && string.Equals(a.OnlyDocument, b.OnlyDocument, StringComparison.Ordinal))
            || !string.Equals(fa.Currency, fb.Currency, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Two passages the near-duplicate stage linked are one sentence reworded only when they share words besides their
        // figures: formulaic lines ("Shr 1.40 dlrs vs 1.10 dlrs", "Net 117 mln vs 106 mln") link on their shape alone.
        // A table's rows are reworded copies of each other only in two reports of one table, which print other rows alike.
        var linked = a.Root >= 0 && a.Root == b.Root
            && (SharedKeys(SentenceOf(a), SentenceOf(b)) >= MinimumLinkedWords || SharedCopies(a.Document.Document, b.Document.Document) >= MinimumLinkedWords);

        // "the fastest growth since 2003" names a year only to measure a record from it: it is not a claim about 2003, and
        // it is the same fact as "in 2003" only when both are such anchors.
        if (fa.Kind == FigureKind.Year && AfterSince(a) != AfterSince(b))
        {
            return false;
        }

        // Two figures are one claim only when their frames match: the same measure, subject, period, place, direction
        // and role. The same frame reported on different days is a timeline; years keep their own rule below.
        var match = fa.Kind == FigureKind.Year || FrameOf(a) is not { } frameA || FrameOf(b) is not { } frameB
            ? FrameMatch.Same
            : FrameReader.Compare(frameA, frameB, linked);
        if (match == FrameMatch.Different)
        {
            return false;
        }

        // A quake has one magnitude: a value given a week later is not a step of a moving count but the same fact told
        // differently (or revised), which a reviewer must see as a conflict.
        if (match == FrameMatch.Timeline && FrameReader.IsMagnitude(fa) && FrameReader.IsMagnitude(fb))
        {
            match = FrameMatch.Same;
        }

        var bonus = linked ? options.LinkedBonus : 0;
        var context = Dice(a.Context, b.Context) + bonus;
        var gap = Gap(fa, fb);
        // Sums of money are stated to the precision meant: "£11.5bn" and "£11.7bn" for one deal are two values, however close.
        if (gap == 0 || (gap <= MaterialGap && fa.Kind != FigureKind.Money))
        {
            // An open bound overlaps every value beyond it: "at least 3,617" is not the 4,000 of a later report, and
            // "more than 2,200" is not "at least 3,617". It agrees only with values near its own number.
            if (FarFromBound(fa, fb))
            {
                return false;
            }

            var broad = Math.Max(context, (SentenceWeight * Dice(SentenceOf(a), SentenceOf(b))) + bonus);
            var score = fa.Kind == FigureKind.Year ? broad : broad + ValueBonus(fa, fb);
            var threshold = fa.Kind == FigureKind.Year ? options.YearAgreeThreshold
                : FrameReader.IsMagnitude(fa) && FrameReader.IsMagnitude(fb) ? 0
                : options.AgreeThreshold;
            if (score >= threshold && (fa.Kind != FigureKind.Year || fa.Value == fb.Value))
            {
                sets.Union(a.Index, b.Index);
                agreeScores[a.Index] = Math.Max(agreeScores[a.Index], score);
                agreeScores[b.Index] = Math.Max(agreeScores[b.Index], score);
                return true;
            }

            return false;
        }

        // In two near-duplicate sentences only corresponding figures are the same claim: the first year with
        // the first year, never "from 2012" with "to 2018", never "1.5 million gallons" with the "2.5 million" of a copy.
        var corresponding = linked && a.Ordinal == b.Ordinal && a.Siblings == b.Siblings;
        if (linked && !corresponding)
        {
            return false;
        }

        // Disjoint values need firmer frames than equal ones: two claims (no baseline) of the same outcome.
        if (fa.Kind != FigureKind.Year && FrameOf(a) is { } firmA && FrameOf(b) is { } firmB && !FrameReader.CanDiffer(firmA, firmB))
        {
            return false;
        }

        // Rewrites of one sentence are about one entity, but a formula reworded for another company or country ("Tenneco
        // Inc said it will redeem ...", "Carolina Power and Light Co said it will redeem ...") is not: held to the same rule.
        if (AboutOtherEntities(a, b))
        {
            return false;
        }

        // One source's own two figures are not a disagreement between sources: every document that prints one value also
        // prints the other (an article and its copies; a table's quarter and year rows).
        if (SameSources(a, b))
        {
            return false;
        }

        // A year differs from another year all the time ("since 2019", "in 2014"); only the same sentence
        // reworded with another year is a conflict.
        // A decade ("the 1990s") is not the year it starts with.
        if (fa.Kind == FigureKind.Year && (!corresponding || IsDecade(fa) || IsDecade(fb)))
        {
            return false;
        }

        // A figure without a counted noun is set against another only when its frame says what it counts: a magnitude, or
        // the same outcome on both sides ("the death toll has risen to 1,953" against "3,617 people have been killed").
        var magnitudes = FrameReader.IsMagnitude(fa) && FrameReader.IsMagnitude(fb);

        // A story has many aftershocks, each with its own magnitude: only the main quake's is one fact.
        if (magnitudes && (FrameReader.IsAftershock(FrameOf(a)) || FrameReader.IsAftershock(FrameOf(b))))
        {
            return false;
        }

        // The frame route: two sentences worded apart ("a deal worth up to £11.5 billion", "According to Kraft, it is worth
        // £11.9bn") are one claim when their frames say so outright: the same measure head, the same entity and the same
        // time, all known on both sides.
        var framed = match == FrameMatch.Same && !magnitudes && FrameRoute(a, b);

        if (a.NounKey.Length == 0 && !corresponding && !magnitudes && !framed
            && !(FrameOf(a) is { } countedA && FrameOf(b) is { } countedB && FrameReader.SameOutcome(countedA, countedB)))
        {
            return false;
        }

        // A quake's magnitude is one fact of the one event: two values of it for the same time are a conflict whatever the
        // words around them (an aftershock's is another measure, told apart by its frame). A moving count of the same
        // outcome, read in both frames, with the same place and subject (or none on both sides), is a timeline step on a
        // weaker context than a conflict needs.
        var differThreshold = options.ConflictThreshold;
        if (FrameOf(a) is { } fixedA && FrameOf(b) is { } fixedB)
        {
            if (magnitudes)
            {
                differThreshold = 0;
            }
            else if (match == FrameMatch.Timeline && FrameReader.SameOutcome(fixedA, fixedB)
                && string.Equals(fixedA.Place, fixedB.Place, StringComparison.Ordinal) && string.Equals(fixedA.Subject, fixedB.Subject, StringComparison.Ordinal))
            {
                differThreshold = options.AgreeThreshold / 2;
            }
        }

        // When every source on both sides prints both values, no source disagrees with another: they set the two apart
        // themselves ("150 mln dlrs of debt ... both offerings of 75 mln dlrs"; the company's forecast of 23 to 26 cts and
        // the analysts' 24 to 30 cts). One source that gives both (the police's count and the organisers') does not do.
        if (match != FrameMatch.Timeline && PrintsValueOf(a, b) && PrintsValueOf(b, a))
        {
            return false;
        }

        // Two reports of one quantity at one time disagree by less than an order of magnitude (the police's 750,000 and the
        // organisers' two million); 1,500 GM cars sold in Europe against 1.3 million are two measures read as one.
        if (match != FrameMatch.Timeline && fa.Kind != FigureKind.Year && OrdersApart(fa, fb))
        {
            return false;
        }

        if (context >= differThreshold)
        {
            (match == FrameMatch.Timeline ? updates : conflicts).Add((a, b, context));
            return true;
        }

        if (framed)
        {
            conflicts.Add((a, b, Math.Max(context, options.ConflictThreshold)));
            return true;
        }

        return false;
    }

    /// <summary>How many times the larger of two disjoint values may be the smaller and still be one quantity's two reports.</summary>
    private const double MaximumConflictRatio = 10;

    /// <summary>Whether two disjoint values lie more than <see cref="MaximumConflictRatio"/> times apart (facing ends, both positive).</summary>
    private static bool OrdersApart(Figure a, Figure b)
    {
        var (lower, upper) = a.High is { } ah && b.Low is { } bl && ah <= bl ? (a, b) : (b, a);
        return lower.High is { } top && upper.Low is { } bottom && top > 0 && bottom > top * MaximumConflictRatio;
    }

    /// <summary>How many content words two linked passages must share, besides their figures, to be one sentence reworded.</summary>
    private const int MinimumLinkedWords = 3;

    private static int SharedKeys(HashSet<string> a, HashSet<string> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = 0;
        foreach (var key in small)
        {
            if (large.Contains(key))
            {
                shared++;
            }
        }

        return shared;
    }

    private readonly Dictionary<(string, string), int> _sharedCopies = [];

    /// <summary>How many wordings both documents print (as representative or copy), counted once per pair of documents.</summary>
    private int SharedCopies(string x, string y)
    {
        if (_items is not { } items)
        {
            return 0;
        }

        var key = string.CompareOrdinal(x, y) <= 0 ? (x, y) : (y, x);
        if (!_sharedCopies.TryGetValue(key, out var count))
        {
            foreach (var item in items)
            {
                if (item.Members.Count > 1 && item.DocumentSet.Contains(x) && item.DocumentSet.Contains(y))
                {
                    count++;
                }
            }

            _sharedCopies[key] = count;
        }

        return count;
    }

    /// <summary>Whether every document that prints one wording also prints the other (either way round).</summary>
    private static bool SameSources(Item a, Item b) => a.DocumentSet.IsSubsetOf(b.DocumentSet) || b.DocumentSet.IsSubsetOf(a.DocumentSet);

    /// <summary>Whether every document that prints <paramref name="x"/> also prints, in <paramref name="y"/>'s block, a value that overlaps <paramref name="y"/>'s.</summary>
    private bool PrintsValueOf(Item x, Item y)
    {
        if (_blockOf is not { } blockOf)
        {
            return false;
        }

        foreach (var document in x.DocumentSet)
        {
            var prints = false;
            foreach (var z in blockOf[y.Index])
            {
                if (z != x && z.DocumentSet.Contains(document) && z.Figure.Overlaps(y.Figure))
                {
                    prints = true;
                    break;
                }
            }

            if (!prints)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How far apart (in days) two reports of a figure without a named period may be and still be of one time.</summary>
    private const int FrameRouteDays = 1;

    /// <summary>
    /// Whether two figures are one claim by their frames alone, however little their clauses share: both frames know
    /// their measure head and it is the same (<see cref="FrameReader.SameHead"/>), both know their entity (the subject, the
    /// clause's first party, else the document's main entity) and it is the same, and both know their time and it is the
    /// same (overlapping named periods, or reports at most <see cref="FrameRouteDays"/> apart when neither names one).
    /// </summary>
    private bool FrameRoute(Item a, Item b)
    {
        if (a.Figure.Kind == FigureKind.Year || FrameOf(a) is not { } x || FrameOf(b) is not { } y || !FrameReader.SameHead(x.Head, y.Head))
        {
            return false;
        }

        var sameTime = x.Time is { } tx && y.Time is { } ty
            ? tx.Overlaps(ty)
            : x.Time is null && y.Time is null && x.Reported is { } rx && y.Reported is { } ry && Math.Abs(rx.DayNumber - ry.DayNumber) <= FrameRouteDays;
        return sameTime && FrameReader.SameEntityOf(x, MainEntityOf(a.Document), y, MainEntityOf(b.Document));
    }

    /// <summary>
    /// Whether two figures are about two unrelated events of one period (a toll in Nepal and a toll in a London tower block,
    /// two quakes' magnitudes, two companies' debentures "due 2012" and "due 2002" in one formula): their entities are known
    /// to differ (<see cref="FrameReader.EntitiesDiffer"/>), or either's entity is one the other article never names, the
    /// document's main entity standing in for a clause that names none. Only disjoint values are held to it: equal values in clauses that share their
    /// words rest on more than the entity (whose reading from a sentence's capitalised words is weak: "Official figures").
    /// </summary>
    private bool AboutOtherEntities(Item a, Item b) =>
        FrameOf(a) is { } x && FrameOf(b) is { } y
        && (FrameReader.EntitiesDiffer(x, MainEntityOf(a.Document), y, MainEntityOf(b.Document))
            || !NamesAny(b.Document, x, MainEntityOf(a.Document))
            || !NamesAny(a.Document, y, MainEntityOf(b.Document)));

    private readonly Dictionary<(string Document, string Word), bool> _named = [];

    /// <summary>
    /// Whether <paramref name="document"/> names the entity of <paramref name="frame"/> (<see cref="FrameReader.EntityOf"/>) or
    /// one of the parties named near its figure. Two articles about one event both name its entity; a figure whose entity and
    /// near parties the other article never prints is another story's. True when the frame names none, or one that cannot be
    /// looked for (a first word of under three letters: "us airways").
    /// </summary>
    private bool NamesAny(DocumentClaims document, ClaimFrame frame, string? mainEntity)
    {
        if (FrameReader.EntityOf(frame, mainEntity) is { } entity && Names(document, entity))
        {
            return true;
        }

        foreach (var party in frame.NearParties)
        {
            if (Names(document, party))
            {
                return true;
            }
        }

        return FrameReader.EntityOf(frame, mainEntity) is null;
    }

    /// <summary>
    /// Whether the document prints the first word of <paramref name="entity"/> (<see cref="FrameReader.FirstNameWord"/>) as a
    /// word or a word of one stem with it ("Nepal" for "nepali", "Nepalese" for "nepal"), case aside; true as well when the
    /// word is too short to look for (under three letters) or the text is not kept. Cached per document and word.
    /// </summary>
    private bool Names(DocumentClaims document, string entity)
    {
        var word = FrameReader.FirstNameWord(entity);
        if (word.Length < 3 || document.Source is not { } source)
        {
            return true;
        }
        if (!_named.TryGetValue((document.Document, word), out var named))
        {
            // Look for the stem (all but a short ending), then check that one of the two words begins the other.
            var text = source.OriginalText.AsSpan();
            var stem = word.AsSpan(0, Math.Min(word.Length, Math.Max(4, word.Length - 3)));
            named = false;
            for (var at = text.IndexOf(stem, StringComparison.OrdinalIgnoreCase); at >= 0 && !named;)
            {
                var end = at + stem.Length;
                while (end < text.Length && char.IsLetter(text[end]))
                {
                    end++;
                }

                var found = text[at..end];
                named = (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
                    && (found.StartsWith(word, StringComparison.OrdinalIgnoreCase) || word.AsSpan().StartsWith(found, StringComparison.OrdinalIgnoreCase));
                var next = text[(at + 1)..].IndexOf(stem, StringComparison.OrdinalIgnoreCase);
                at = next < 0 ? -1 : at + 1 + next;
            }

            _named[(document.Document, word)] = named;
        }

        return named;
    }

    private string? MainEntityOf(DocumentClaims document)
    {
        if (!_mainEntities.TryGetValue(document.Document, out var entity))
        {
            entity = document.Source is { } source ? FrameReader.MainEntity(source, document.People) : null;
            _mainEntities[document.Document] = entity;
        }

        return entity;
    }

    private HashSet<string> SentenceOf(Item item) => item.Sentence ??= SentenceKeys(item.Document, item.Figure.PassageIndex, item.NounKey);

    private static ClaimFrame? FrameOf(Item item)
    {
        if (!item.FrameRead)
        {
            item.FrameRead = true;
            item.Frame = item.Document.Source is { } source ? FrameReader.Read(item.Figure, source, item.Document.People) : null;
            if (item.Frame is { Head: null } frame && item.RestatedNoun is { } head)
            {
                item.Frame = frame with { Head = head };
            }
        }

        return item.Frame;
    }

    /// <summary>
    /// The noun a bare count takes from the counted figure before it in its sentence when the count restates it ("up to two
    /// million people took part, although police estimates put the figure at 750,000"): the figure, the total, the number.
    /// </summary>
    /// <param name="document">The figure's document.</param>
    /// <param name="figure">A count without a noun.</param>
    /// <param name="previous">The last count before it in its document, if any.</param>
    private static string? RestatedNoun(DocumentClaims document, Figure figure, Figure? previous)
    {
        if (figure.Kind != FigureKind.Count || figure.Noun is not null || previous?.Noun is not { Length: > 2 } noun
            || previous.PassageIndex != figure.PassageIndex || document.Source is not { } source)
        {
            return null;
        }

        var text = source.OriginalText;
        var from = Math.Clamp(previous.End, 0, text.Length);
        var between = text.AsSpan(from, Math.Clamp(figure.Start, from, text.Length) - from);
        return RestatingNoun().IsMatch(between) ? noun.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"\bthe (?:figure|total|number|tally|count|turnout)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RestatingNoun();

    /// <summary>Bonus for two identical values: the more specific the number, the stronger the evidence.</summary>
    private static double ValueBonus(Figure a, Figure b)
    {
        if (a.Value is not { } va || b.Value is not { } vb || va != vb)
        {
            return 0;
        }

        var magnitude = Math.Abs(va);
        return magnitude >= 100 ? 0.3 : magnitude >= 10 ? 0.2 : 0.05;
    }

    private static double Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = 0;
        foreach (var key in small)
        {
            if (large.Contains(key))
            {
                shared++;
            }
        }

        return 2.0 * shared / (a.Count + b.Count);
    }

    private void Emit(
        List<Item> items, UnionFind sets, List<(Item A, Item B, double Score)> conflicts, List<(Item A, Item B, double Score)> updates, double[] agreeScores, List<Finding> findings)
    {
        var singles = new SingleSourceFindings(options.MaxFindingsPerDocument);
        var components = sets.Groups(items, static item => item.Index);

        // Canonical order (document, offset) so that nothing below depends on the order of the input.
        foreach (var list in components.Values)
        {
            list.Sort(CompareCanonical);
        }

        // Components joined by conflict edges form one disagreement: one finding, however many values.
        var inConflict = new HashSet<int>();
        var groups = new UnionFind(agreeScores.Length);
        var groupScore = new Dictionary<int, double>();
        var firstEdge = new Dictionary<int, (Item A, Item B)>();
        foreach (var (a, b, _) in conflicts)
        {
            var ra = sets.Find(a.Index);
            var rb = sets.Find(b.Index);
            inConflict.Add(ra);
            inConflict.Add(rb);
            groups.Union(ra, rb);
        }

        foreach (var (x, y, score) in conflicts)
        {
            // The first edge in canonical order, oriented canonically: nothing may depend on the order of the input.
            var (a, b) = CompareCanonical(x, y) <= 0 ? (x, y) : (y, x);
            var g = groups.Find(sets.Find(a.Index));
            groupScore[g] = Math.Max(groupScore.GetValueOrDefault(g), score);
            if (!firstEdge.TryGetValue(g, out var edge) || CompareCanonical(a, edge.A) < 0 || (a == edge.A && CompareCanonical(b, edge.B) < 0))
            {
                firstEdge[g] = (a, b);
            }
        }

        var byGroup = new Dictionary<int, List<List<Item>>>();
        foreach (var root in inConflict)
        {
            var g = groups.Find(root);
            if (!byGroup.TryGetValue(g, out var list))
            {
                byGroup[g] = list = [];
            }

            list.Add(components[root]);
        }

        foreach (var (g, joined) in byGroup)
        {
            var sides = joined.Count >= 2 ? joined : SplitByValue(joined[0], firstEdge[g]);

            // Minority values first: the odd one out is what a reviewer checks.
            sides.Sort((x, y) =>
            {
                var (cx, cy) = (SourceCount(x), SourceCount(y));
                return cx != cy ? cx.CompareTo(cy) : CompareCanonical(x[0], y[0]);
            });
            var evidence = new List<Evidence>();
            var values = new List<string>(sides.Count);
            var all = new List<Item>();
            foreach (var side in sides)
            {
                evidence.AddRange(EvidenceOf(side));
                all.AddRange(side);
                var count = SourceCount(side);
                values.Add($"{Describe(side[0].Figure)} ({count} {(count == 1 ? "source" : "sources")})");
            }

            findings.Add(new Finding(FindingKind.Conflict, Topic(all), Math.Min(1, groupScore[g]), evidence)
            {
                Explanation = $"Disjoint values in sentences about the same thing: {string.Join(" vs ", values)}.",
            });
        }

        EmitTimelines(components, sets, updates, agreeScores.Length, findings);

        foreach (var (root, members) in components)
        {
            // One outlet's article, feed item and JSON-lines copy are one source: an agreement needs two sources.
            var sources = SourceCount(members);
            if (sources >= 2)
            {
                // A chain of pairwise overlaps ("at least 3,617" with 4,000, "as many as 50,000" with "35,000 to 60,000")
                // can join values that do not overlap at all: each agreement is a set of values with one common range.
                foreach (var piece in CommonRanges(members))
                {
                    var pieceSources = SourceCount(piece);
                    if (pieceSources < 2)
                    {
                        continue;
                    }

                    var best = 0.0;
                    foreach (var member in piece)
                    {
                        best = Math.Max(best, agreeScores[member.Index]);
                    }

                    findings.Add(new Finding(FindingKind.Agree, Topic(piece), Math.Min(1, 0.4 + (best / 2)), EvidenceOf(piece))
                    {
                        Explanation = $"{CountText(pieceSources, DocumentCount(piece))} give overlapping values: {Intersection(piece)}.",
                    });
                }
            }
            else if (!inConflict.Contains(root) && members[0].Figure.Kind is FigureKind.Count or FigureKind.Money or FigureKind.Percent)
            {
                var single = members;
                single.Sort(CompareCanonical);
                singles.Add(single[0].Document.Document, Topic(single), single[0].Figure.Start, () => new Finding(FindingKind.SingleSource, Topic(single), 0.5, EvidenceOf(single))
                {
                    Explanation = "Only one source reports this figure.",
                });
            }
        }

        foreach (var (document, count) in singles.EmitTo(findings))
        {
            DroppedSingleSource[document] = DroppedSingleSource.GetValueOrDefault(document) + count;
        }
    }

    /// <summary>
    /// Splits an agreeing component into runs whose intervals share one common range (within <see cref="MaterialGap"/>):
    /// the wordings sorted by their lower ends, a new run started whenever the next one lies wholly above the run's common
    /// range. A component whose values all overlap comes back whole. Depends only on the component's members, never on
    /// the order in which their pairs were compared.
    /// </summary>
    private static List<List<Item>> CommonRanges(List<Item> members)
    {
        if (members.Count < 2 || members[0].Figure.Kind == FigureKind.Year)
        {
            return [members];
        }

        var sorted = new List<Item>(members);
        sorted.Sort(static (x, y) =>
        {
            var c = (x.Figure.Low ?? double.NegativeInfinity).CompareTo(y.Figure.Low ?? double.NegativeInfinity);
            if (c == 0)
            {
                c = (x.Figure.High ?? double.PositiveInfinity).CompareTo(y.Figure.High ?? double.PositiveInfinity);
            }

            return c != 0 ? c : CompareCanonical(x, y);
        });

        var pieces = new List<List<Item>>();
        var current = new List<Item>();
        var low = double.NegativeInfinity;
        var high = double.PositiveInfinity;
        foreach (var item in sorted)
        {
            var itemLow = item.Figure.Low ?? double.NegativeInfinity;
            var itemHigh = item.Figure.High ?? double.PositiveInfinity;
            var newLow = Math.Max(low, itemLow);
            var newHigh = Math.Min(high, itemHigh);
            if (current.Count > 0 && !Touches(newLow, newHigh))
            {
                pieces.Add(current);
                current = [];
                (newLow, newHigh) = (itemLow, itemHigh);
            }

            current.Add(item);
            (low, high) = (newLow, newHigh);
        }

        pieces.Add(current);
        if (pieces.Count == 1)
        {
            return pieces;
        }

        foreach (var piece in pieces)
        {
            piece.Sort(CompareCanonical);
        }

        return pieces;

        static bool Touches(double low, double high)
        {
            if (low <= high)
            {
                return true;
            }

            var scale = Math.Max(Math.Abs(low), Math.Abs(high));
            return !double.IsInfinity(scale) && scale > 0 && (low - high) / scale <= MaterialGap;
        }
    }

    /// <summary>
    /// The two sides of a conflict whose ends agree with one another through a chain of wider figures (one component):
    /// the wordings whose intervals overlap the first end's, and the rest, which hold the other end.
    /// </summary>
    private static List<List<Item>> SplitByValue(List<Item> component, (Item A, Item B) edge)
    {
        var near = new List<Item>();
        var far = new List<Item>();
        foreach (var item in component)
        {
            (item == edge.A || (item != edge.B && item.Figure.Overlaps(edge.A.Figure) && !item.Figure.Overlaps(edge.B.Figure)) ? near : far).Add(item);
        }

        return [near, far];
    }

    /// <summary>
    /// Components joined by update edges form one figure's timeline: one finding, its values in the order they were
    /// first reported, each with who reported it first and which later reports repeated it.
    /// </summary>
    private static void EmitTimelines(Dictionary<int, List<Item>> components, UnionFind sets, List<(Item A, Item B, double Score)> updates, int count, List<Finding> findings)
    {
        if (updates.Count == 0)
        {
            return;
        }

        // One report gives one value of a figure, at most rounded two ways ("past 6,600" and "6,624"): a timeline that would
        // hold values from one document far apart (the national toll and one region's, 1,953 and 53) mixes two figures, so the
        // edge that would join them is left out. Edges are taken strongest first, then in canonical order, so the result does
        // not depend on the input's order.
        var ordered = new List<(Item A, Item B, double Score)>(updates);
        ordered.Sort(static (x, y) =>
        {
            var c = y.Score.CompareTo(x.Score);
            if (c == 0)
            {
                c = CompareCanonical(x.A, y.A);
            }

            return c != 0 ? c : CompareCanonical(x.B, y.B);
        });

        var groups = new UnionFind(count);
        var valuesOf = new Dictionary<int, Dictionary<string, ReportValues>>();
        var accepted = new List<(Item A, Item B, double Score)>(ordered.Count);
        foreach (var edge in ordered)
        {
            var ga = groups.Find(sets.Find(edge.A.Index));
            var gb = groups.Find(sets.Find(edge.B.Index));
            if (ga == gb)
            {
                accepted.Add(edge);
                continue;
            }

            var va = ValuesOf(ga, edge.A);
            var vb = ValuesOf(gb, edge.B);
            if (!OneFigurePerDocument(va, vb))
            {
                continue;
            }

            groups.Union(ga, gb);
            var (merged, other) = va.Count >= vb.Count ? (va, vb) : (vb, va);
            foreach (var (document, values) in other)
            {
                merged[document] = merged.TryGetValue(document, out var range) ? range.With(values) : values;
            }

            valuesOf.Remove(ga);
            valuesOf.Remove(gb);
            valuesOf[groups.Find(ga)] = merged;
            accepted.Add(edge);
        }

        var roots = new HashSet<int>();
        var score = new Dictionary<int, double>();
        foreach (var (a, b, s) in accepted)
        {
            roots.Add(sets.Find(a.Index));
            roots.Add(sets.Find(b.Index));
        }

        foreach (var (a, _, s) in accepted)
        {
            var g = groups.Find(sets.Find(a.Index));
            score[g] = Math.Max(score.GetValueOrDefault(g), s);
        }

        // The values each document gives in a timeline group (computed from one wording's component when the group is first met).
        Dictionary<string, ReportValues> ValuesOf(int group, Item item)
        {
            if (!valuesOf.TryGetValue(group, out var values))
            {
                values = new Dictionary<string, ReportValues>(StringComparer.Ordinal);
                foreach (var member in components[sets.Find(item.Index)])
                {
                    if ((member.Figure.Value ?? member.Figure.Low ?? member.Figure.High) is not { } value)
                    {
                        continue;
                    }

                    var frame = FrameOf(member);
                    // Values whose frames name neither place nor subject may be of any place: they count as of another.
                    var point = new ReportValues(value, value, frame is null || (frame.Place is null && frame.Subject is null) ? null : $"{frame.Place}|{frame.Subject}", false);
                    foreach (var (document, _) in member.Members)
                    {
                        values[document.Document] = values.TryGetValue(document.Document, out var range) ? range.With(point) : point;
                    }
                }

                valuesOf[group] = values;
            }

            return values;
        }
        var byGroup = new Dictionary<int, List<List<Item>>>();
        foreach (var root in roots)
        {
            var g = groups.Find(root);
            if (!byGroup.TryGetValue(g, out var list))
            {
                byGroup[g] = list = [];
            }

            list.Add(components[root]);
        }

        foreach (var (g, steps) in byGroup)
        {
            foreach (var step in steps)
            {
                step.Sort(CompareByReport);
            }

            steps.Sort((x, y) => CompareByReport(x[0], y[0]));
            var evidence = new List<Evidence>();
            var all = new List<Item>();
            var points = new List<string>(steps.Count);
            foreach (var step in steps)
            {
                foreach (var member in step)
                {
                    if (member.Document.Source is { } source)
                    {
                        evidence.Add(EvidenceFor(member, source));
                    }
                }

                all.AddRange(step);
                var first = step[0];
                // Every other document that printed this value (the step's other wordings and every folded copy), each once.
                var later = new List<string>();
                var seen = new HashSet<string>(StringComparer.Ordinal) { first.Document.Document };
                foreach (var member in step)
                {
                    foreach (var (document, _) in member.Members)
                    {
                        if (seen.Add(document.Document))
                        {
                            later.Add(OutletOf(document));
                        }
                    }
                }

                // A moving count's day is the day of its report, not the day of the event it counts ("killed in Saturday's quake").
                var day = FrameOf(first) is { Moving: false, Time: { } t } && t.Start == t.End ? $" for {t.Label}" : "";
                points.Add($"{Describe(first.Figure)}{day} first reported {ReportedText(first)} by {OutletOf(first)}"
                    + (later.Count == 0 ? "" : $", repeated by {string.Join(", ", later)}"));
            }

            findings.Add(new Finding(FindingKind.Update, Topic(all), Math.Min(1, score[g]), evidence)
            {
                Explanation = $"The same figure changed between reports: {string.Join(" → ", points)}.",
            });
        }
    }

    /// <summary>How far apart (as a ratio) two values one document gives may be and still be one figure rounded two ways.</summary>
    private const double SameReportSpread = 1.5;

    /// <summary>
    /// The values one report gives in a timeline group, and where and whose they are: <see cref="Key"/> is the place and
    /// subject of their frames (null when they name neither), <see cref="Mixed"/> whether they come with more than one or an
    /// unknown one.
    /// </summary>
    private readonly record struct ReportValues(double Low, double High, string? Key, bool Mixed)
    {
        public ReportValues With(ReportValues other) =>
            new(Math.Min(Low, other.Low), Math.Max(High, other.High), Key, Mixed || other.Mixed || Key is null || !string.Equals(Key, other.Key, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether every document in both groups gives values within <see cref="SameReportSpread"/> of one another, or values
    /// further apart of one place and subject: a report may tell a toll that rose from 100 to 300 in one frame, but 1,953 in
    /// Nepal and 53 in India are two figures.
    /// </summary>
    private static bool OneFigurePerDocument(Dictionary<string, ReportValues> a, Dictionary<string, ReportValues> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        foreach (var (document, mine) in small)
        {
            if (!large.TryGetValue(document, out var other))
            {
                continue;
            }

            var min = Math.Min(Math.Abs(mine.Low), Math.Abs(other.Low));
            var max = Math.Max(Math.Abs(mine.High), Math.Abs(other.High));
            if ((min <= 0 || max / min > SameReportSpread) && mine.With(other).Mixed)
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareByReport(Item x, Item y)
    {
        var dx = PointOf(x);
        var dy = PointOf(y);
        if (dx != dy)
        {
            // Undated reports come last.
            return dx is null ? 1 : dy is null ? -1 : dx.Value.CompareTo(dy.Value);
        }

        return CompareCanonical(x, y);
    }

    /// <summary>Where a figure stands on its timeline: the day it refers to when its frame names one day, else the day it was reported.</summary>
    private static DateOnly? PointOf(Item item) =>
        FrameOf(item) is { Moving: false, Time: { } time } && time.Start == time.End ? time.Start : FrameOf(item)?.Reported ?? item.Document.Source?.Date;

    private static string ReportedText(Item item) =>
        (FrameOf(item)?.Reported ?? item.Document.Source?.Date) is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "(undated)";

    private static string OutletOf(Item item) => OutletOf(item.Document);

    private static string OutletOf(DocumentClaims document) =>
        document.Source?.Outlet is { Length: > 0 } outlet ? $"{outlet} ({document.Document})" : document.Document;

    private static Evidence EvidenceFor(Item member, Text.ProcessedDocument source)
    {
        var frame = FrameOf(member);
        var built = EvidenceBuilder.Build(source, member.Figure.Start, member.Figure.End, Describe(member.Figure)) with
        {
            Figure = member.Figure,
            Frame = frame?.Describe(),
            Reported = frame?.Reported ?? source.Date,
        };
        if (member.Members.Count > 1)
        {
            var copies = new List<EvidenceCopy>(member.Members.Count - 1);
            for (var i = 1; i < member.Members.Count; i++)
            {
                var (document, copy) = member.Members[i];
                copies.Add(new EvidenceCopy(document.Document, copy.Start, copy.End));
            }

            built = built with { Copies = copies };
        }

        return built;
    }

    /// <summary>
    /// How many sources print the items: documents, except that one outlet's copies of one article count once. Two
    /// documents of one outlet (<see cref="SourceCounter"/>) are one source when they print one passage as copies (they are
    /// members of one item: an article, its feed item and its JSON-lines copy); two different articles of one outlet stay
    /// two sources, and so do two outlets reprinting one wire story.
    /// </summary>
    private static int SourceCount(List<Item> items)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var parent = new List<int>();
        var firstOfOutlet = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            firstOfOutlet.Clear();
            foreach (var (document, _) in item.Members)
            {
                if (!index.TryGetValue(document.Document, out var id))
                {
                    id = parent.Count;
                    index[document.Document] = id;
                    parent.Add(id);
                }

                if (SourceCounter.OutletKey(document.Source) is not { } outlet)
                {
                    continue;
                }

                if (firstOfOutlet.TryGetValue(outlet, out var other))
                {
                    var (x, y) = (Root(parent, id), Root(parent, other));
                    parent[Math.Max(x, y)] = Math.Min(x, y);
                }
                else
                {
                    firstOfOutlet[outlet] = id;
                }
            }
        }

        var sources = 0;
        for (var i = 0; i < parent.Count; i++)
        {
            sources += Root(parent, i) == i ? 1 : 0;
        }

        return sources;

        static int Root(List<int> parent, int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }
    }

    /// <summary>"3 sources", or "2 sources (3 documents; one outlet's copies of an article count once)" when they differ.</summary>
    internal static string CountText(int sources, int documents) =>
        documents > sources
            ? $"{sources} {(sources == 1 ? "source" : "sources")} ({documents} documents; one outlet's copies of an article count once)"
            : $"{sources} {(sources == 1 ? "source" : "sources")}";

    private static int DocumentCount(List<Item> items)
    {
        var documents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var (document, _) in item.Members)
            {
                documents.Add(document.Document);
            }
        }

        return documents.Count;
    }

    private static int CompareCanonical(Item x, Item y)
    {
        var byDocument = string.CompareOrdinal(x.Document.Document, y.Document.Document);
        return byDocument != 0 ? byDocument : x.Figure.Start.CompareTo(y.Figure.Start);
    }

    private static List<Evidence> EvidenceOf(List<Item> members)
    {
        members.Sort(CompareCanonical);
        var evidence = new List<Evidence>(members.Count);
        foreach (var member in members)
        {
            if (member.Document.Source is { } source)
            {
                evidence.Add(EvidenceFor(member, source));
            }
        }

        return evidence;
    }

    private static string Topic(List<Item> members)
    {
        var figure = members[0].Figure;
        var noun = figure.Noun ?? figure.Kind.ToString().ToLowerInvariant();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            foreach (var word in member.Figure.Context)
            {
                var key = TopicLexicon.Key(word);
                if (key == member.NounKey)
                {
                    continue;
                }

                counts[word.ToLowerInvariant()] = counts.GetValueOrDefault(word.ToLowerInvariant()) + 1;
            }
        }

        var top = new List<KeyValuePair<string, int>>(counts);
        top.Sort((x, y) => y.Value != x.Value ? y.Value.CompareTo(x.Value) : string.CompareOrdinal(x.Key, y.Key));
        var words = new List<string>(3);
        foreach (var (word, count) in top)
        {
            if (words.Count == 3 || (count < 2 && members.Count > 1 && words.Count > 0))
            {
                break;
            }

            words.Add(word);
        }

        return figure.Kind == FigureKind.Year
            ? $"{Year(figure.Value ?? 0)}: {string.Join(", ", words)}"
            : words.Count == 0 ? noun : $"{noun}: {string.Join(", ", words)}";
    }

    /// <summary>A figure as "close to 100,000 troops = [95,000, 100,000)".</summary>
    public static string Describe(Figure figure)
    {
        if (figure.Kind == FigureKind.Year)
        {
            return $"{figure.Text.Trim()} = year {Year(figure.Value ?? 0)}";
        }

        var noun = figure.Noun is null ? "" : " " + figure.Noun;
        var change = figure.Direction switch
        {
            FigureDirection.Up => " (rise)",
            FigureDirection.Down => " (fall)",
            _ => "",
        };
        return $"{figure.Text.Trim()}{(figure.Text.Contains(figure.Noun ?? "\u0000", StringComparison.OrdinalIgnoreCase) ? "" : noun)} = {Interval(figure.Low, figure.LowInclusive, figure.High, figure.HighInclusive)}{change}";
    }

    private static string Intersection(List<Item> members)
    {
        double? low = null;
        double? high = null;
        bool lowInclusive = true, highInclusive = true;
        foreach (var member in members)
        {
            var f = member.Figure;
            if (f.Low is { } l && (low is null || l > low || (l == low && !f.LowInclusive)))
            {
                low = l;
                lowInclusive = f.LowInclusive;
            }

            if (f.High is { } h && (high is null || h < high || (h == high && !f.HighInclusive)))
            {
                high = h;
                highInclusive = f.HighInclusive;
            }
        }

        return low is { } lo && high is { } hi && lo > hi
            ? "pairwise overlapping, no single common value"
            : "common range " + Interval(low, lowInclusive, high, highInclusive, members[0].Figure.Kind == FigureKind.Year);
    }

    private static string Interval(double? low, bool lowInclusive, double? high, bool highInclusive, bool years = false)
    {
        // Years are never written with a thousands separator ("2008", not "2,008").
        Func<double, string> number = years ? Year : Number;
        if (low is { } l && high is { } h && l == h)
        {
            return number(l);
        }

        return (low is null ? "(−∞" : (lowInclusive ? "[" : "(") + number(low.Value)) + ", "
            + (high is null ? "∞)" : number(high.Value) + (highInclusive ? "]" : ")"));
    }

    private static string Year(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
