using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Comparison;

/// <summary>Reads a figure's <see cref="ClaimFrame"/> from its clause, and compares two frames.</summary>
/// <remarks>
/// The clause is the part of the figure's sentence between hard boundaries (semicolon, colon, bracket, quotation mark,
/// dash, sentence end) and commas that open a new clause (", while", ", according to"), at most 200 characters each way.
/// Every step is a scan of that clause, so reading a frame costs what the clause costs. The word lists are deliberately
/// small and closed: a facet is read only from words that name it unambiguously.
/// </remarks>
public static partial class FrameReader
{
    private const int MaxReach = 200;

    /// <summary>How many entities of its clause a frame keeps as parties.</summary>
    private const int MaxParties = 4;

    /// <summary>The longest aside in brackets after a figure that its clause reads past.</summary>
    private const int MaxAside = 40;

    /// <summary>Reports of the same frame more than this many days apart are points of a timeline, whatever the measure.</summary>
    private const int TimelineDays = 7;

    /// <summary>How far back from its report a figure without a named period may refer (a year and a month).</summary>
    private const int UndatedReach = 400;

    // Facet categories that must be stated alike before two disjoint values are set against each other.
    private static readonly string[] StrictCategories = ["outcome:", "part:", "event:", "unit:"];

    // Aspects of a measure that must agree when both sentences state one: a toll is not a count of the injured.
    private static readonly FrozenDictionary<string, string> FacetOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dead"] = "outcome:dead", ["died"] = "outcome:dead", ["deaths"] = "outcome:dead", ["death"] = "outcome:dead",
        ["killed"] = "outcome:dead", ["fatalities"] = "outcome:dead", ["toll"] = "outcome:dead", ["perished"] = "outcome:dead",
        ["injured"] = "outcome:injured", ["wounded"] = "outcome:injured", ["injuries"] = "outcome:injured", ["hurt"] = "outcome:injured",
        ["missing"] = "outcome:missing", ["unaccounted"] = "outcome:missing",
        ["bodies"] = "outcome:bodies", ["identified"] = "outcome:identified", ["hospital"] = "outcome:hospital",
        ["homeless"] = "outcome:affected", ["affected"] = "outcome:affected", ["displaced"] = "outcome:affected", ["evacuated"] = "outcome:affected",
        ["cash"] = "part:cash", ["stock"] = "part:stock", ["shares"] = "part:stock", ["preferred"] = "part:preferred",
        ["monthly"] = "basis:monthly", ["month-on-month"] = "basis:monthly", ["annual"] = "basis:annual", ["annualized"] = "basis:annual",
        ["annualised"] = "basis:annual", ["year-on-year"] = "basis:annual", ["year-over-year"] = "basis:annual",
        ["quota"] = "kind:quota", ["ceiling"] = "kind:quota", ["capacity"] = "kind:capacity", ["ability"] = "kind:capacity",
        ["posted"] = "kind:posted", ["official"] = "kind:official", ["spot"] = "kind:spot",
        ["aftershock"] = "event:aftershock", ["aftershocks"] = "event:aftershock", ["tremor"] = "event:tremor", ["foreshock"] = "event:foreshock",
        ["expected"] = "mode:forecast", ["expect"] = "mode:forecast", ["expects"] = "mode:forecast", ["forecast"] = "mode:forecast",
        ["forecasting"] = "mode:forecast", ["forecasts"] = "mode:forecast", ["predicted"] = "mode:forecast", ["predict"] = "mode:forecast",
        ["predicting"] = "mode:forecast", ["projected"] = "mode:forecast", ["could"] = "mode:forecast", ["might"] = "mode:forecast",
        ["warned"] = "mode:forecast", ["likely"] = "mode:forecast", ["hopes"] = "mode:forecast", ["target"] = "mode:forecast",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> RiseWords = FrozenSet.ToFrozenSet(
        ["rose", "rise", "rises", "rising", "risen", "up", "increased", "increase", "increases", "grew", "grow", "grows", "gain", "gained",
         "jumped", "jump", "climbed", "climb", "raised", "raise", "higher", "expanded", "surged", "surging", "boosted", "added", "adding"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> FallWords = FrozenSet.ToFrozenSet(
        ["fell", "fall", "falls", "falling", "fallen", "down", "decreased", "decrease", "declined", "decline", "declines", "drop", "dropped",
         "cut", "cuts", "lowered", "lower", "reduced", "reduce", "reduction", "shrank", "contracted", "slump", "slumped", "lost", "plunged",
         "tumbled", "subtracting", "shaved", "decreasing", "sank"],
        StringComparer.Ordinal);

    // Words in front of a figure that make it the baseline of a comparison ("after" and "following" are not: "after four
    // hours of talks" is the claim).
    private static readonly FrozenSet<string> BaselineWords = FrozenSet.ToFrozenSet(
        ["from", "than", "previous", "previously", "earlier", "original", "originally", "initially", "prior", "against", "versus",
         "compared", "last"],
        StringComparer.Ordinal);

    // Words of a count or estimate that moves as it is made: two reports on different days are points of a timeline.
    private static readonly FrozenSet<string> MovingWords = FrozenSet.ToFrozenSet(
        ["toll", "tally", "count", "estimate", "estimates", "estimated", "risen", "climbed", "reached", "passed", "tops", "topped", "now",
         "latest", "raised", "revised", "revision", "stands", "presumed", "missing", "injured", "dead", "died", "killed", "deaths",
         "confirmed", "feared", "so far", "increased", "upped", "exceeded"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> SpeechVerbs = FrozenSet.ToFrozenSet(
        ["said", "says", "told", "announced", "reported", "added", "confirmed", "stated", "tweeted", "wrote"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ClauseOpeners = FrozenSet.ToFrozenSet(
        ["where", "which", "who", "while", "but", "although", "though", "whereas", "when", "according", "as", "because", "including",
         "despite", "adding", "saying", "and"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> PlaceWords = FrozenSet.ToFrozenSet(["in", "near", "at", "across", "throughout", "inside", "outside"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> NotEntities = FrozenSet.ToFrozenSet(
        ["The", "A", "An", "In", "On", "At", "But", "And", "It", "Its", "This", "That", "These", "Those", "He", "She", "They", "We", "I",
         "There", "Mr", "Mrs", "Ms", "Dr", "Some", "More", "Another", "Other", "Of", "For", "By", "As", "With", "If", "So", "Yet", "After",
         "Before", "Since", "Despite", "Meanwhile", "However", "Also", "Officials", "Police", "President", "Prime", "Minister", "Governor",
         "Gov", "Commander", "Secretary", "Chief", "Director", "General", "Update", "UPDATE", "READ", "Read", "Copyright", "FILE", "Photo",
         "Organisers", "Organizers", "Protesters", "Demonstrators", "Analysts", "Unions", "Workers", "Shareholders", "Investors", "Rescuers",
         "Scientists", "Researchers", "Experts", "Authorities", "Residents", "Doctors", "Witnesses", "Sources", "Observers", "Economists",
         "According", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
         "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
         "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Q1", "Q2", "Q3", "Q4",
         // The labels that open the rows of a results table ("Shr 43 cts vs 30 cts", "Net 117 mln vs 106 mln", "Oper net loss").
         "Shr", "Shrs", "Net", "Revs", "Rev", "Sales", "Oper", "Avg", "Qtr", "Qtly", "Div", "Note", "NOTE", "Year", "Mths"],
        StringComparer.Ordinal);

    // Nouns a count of casualties is given in ("1,953 people", "25 deaths", "17 climbers", "16 bodies"), as topic keys.
    private static readonly FrozenSet<string> CasualtyNouns = FrozenSet.ToFrozenSet(
        new[] { "people", "person", "persons", "kill", "dead", "death", "deaths", "victim", "victims", "body", "bodies", "bodi", "climber", "climbers",
         "citizen", "citizens", "tourist", "tourists", "resident", "residents", "civilian", "civilians", "child", "children", "worker",
         "workers", "passenger", "passengers", "fatality", "fatalities", "fatalit", "injur", "casualty", "casualties", "casualt", "missing",
         "survivor", "survivors", "european", "europeans", "foreigner", "foreigners", "national", "nationals" }.Select(TopicLexicon.Key),
        StringComparer.Ordinal);

    /// <summary>Whether a word names an outcome of a disaster (killed, injured, missing, displaced, bodies, a toll).</summary>
    /// <param name="word">A word in any case.</param>
    /// <returns><see langword="true"/> for an outcome word.</returns>
    internal static bool IsOutcomeWord(string word) =>
        FacetOf.TryGetValue(word.ToLowerInvariant(), out var facet) && facet.StartsWith("outcome:", StringComparison.Ordinal);

    /// <summary>Whether a counted noun's topic key is one casualties are counted in.</summary>
    /// <param name="nounKey">The noun's key (<see cref="TopicLexicon.Key"/>).</param>
    /// <returns><see langword="true"/> for people, deaths, victims, bodies and the like.</returns>
    internal static bool IsCasualtyNoun(string nounKey) => CasualtyNouns.Contains(nounKey);

    /// <summary>Reads the frame of <paramref name="figure"/>, which stands in <paramref name="document"/>.</summary>
    /// <param name="figure">A figure of the document (its span indexes the original text).</param>
    /// <param name="document">The processed document; its date resolves relative times.</param>
    /// <param name="people">The document's person mentions: a person named in the clause is a speaker or a source, never the subject.</param>
    /// <returns>The frame; never null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="figure"/> or <paramref name="document"/> is null.</exception>
    public static ClaimFrame Read(Figure figure, ProcessedDocument document, IReadOnlyList<PersonMention>? people = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(document);
        var text = document.OriginalText;
        var start = Math.Clamp(figure.Start, 0, text.Length);
        var end = Math.Clamp(figure.End, start, text.Length);
        var passage = figure.PassageIndex >= 0 && figure.PassageIndex < document.Passages.Count ? document.Passages[figure.PassageIndex] : null;
        var from = passage is null ? Math.Max(0, start - MaxReach) : Math.Max(passage.Start, start - MaxReach);
        var to = passage is null ? Math.Min(text.Length, end + MaxReach) : Math.Min(passage.End, end + MaxReach);
        var (clauseStart, clauseEnd) = Clause(text, from, to, start, end);
        var before = Words(text, clauseStart, start);
        var after = Words(text, end, clauseEnd);
        var sentence = text[from..to];

        var facets = new SortedSet<string>(StringComparer.Ordinal);
        var moving = false;
        var fixedMeasure = IsFixedMeasure(figure);
        foreach (var word in before.Concat(after))
        {
            var lower = word.Text.ToLowerInvariant();
            // A magnitude or a height is not a count of the dead or the injured named next to it.
            if (FacetOf.TryGetValue(lower, out var facet) && !(fixedMeasure && facet.StartsWith("outcome:", StringComparison.Ordinal)))
            {
                facets.Add(facet);
            }

            moving |= MovingWords.Contains(lower);
        }

        // Whether the figure moves is a matter of the whole sentence ("The new estimate — 12,000 to 19,000 barrels").
        foreach (var word in Words(text, from, to))
        {
            moving |= MovingWords.Contains(word.Text.ToLowerInvariant());
        }

        moving |= SoFar().IsMatch(sentence);

        // "840p per share" is a price of one share, never the value of the whole deal ("an £11.5bn deal") beside it.
        if (PerShare().IsMatch(text.AsSpan(clauseStart, clauseEnd - clauseStart)))
        {
            facets.Add("unit:per-share");
        }

        // A quake's magnitude and a building's height are facts of the event or the thing: they do not move as they are counted.
        moving &= !IsFixedMeasure(figure);

        var (time, reportedInClause) = TimeResolver.Resolve(text[clauseStart..clauseEnd], document.Date);
        var (sentenceTime, sentenceReported) = TimeResolver.Resolve(sentence, document.Date);
        time ??= sentenceTime;
        reportedInClause ??= sentenceReported;

        // A magnitude belongs to its quake, whatever entity or place its clause names (the capital it shook, the country).
        var magnitude = IsMagnitude(figure);
        return new ClaimFrame(
            Measure(figure, before),
            [.. facets],
            magnitude ? null : Subject(before, people, text),
            time,
            magnitude ? null : Place(before, after),
            figure.Direction,
            Role(figure, before, after),
            reportedInClause ?? document.Date,
            moving)
        {
            Parties = magnitude ? [] : Parties(before, after, people),
            Head = Head(figure, before, after, facets),
            NearParties = magnitude ? [] : Parties(Last(before, NearWords), First(after, NearWords), people),
        };
    }

    // Words that make a sum of money the value of a deal ("a deal worth £11.5bn", "a $16bn order", "values Cadbury at £11.7bn").
    private static readonly FrozenSet<string> DealWords = FrozenSet.ToFrozenSet(
        ["deal", "deals", "takeover", "offer", "bid", "acquisition", "merger", "buyout", "sale", "order", "orders", "contract",
         "purchase", "transaction", "worth", "valued", "values", "valuing", "valuation"],
        StringComparer.Ordinal);

    // Of the deal words, those that make the sum an order's or a sale's price rather than a deal's value.
    private static readonly FrozenSet<string> OrderWords = FrozenSet.ToFrozenSet(
        ["sale", "sales", "order", "orders", "purchase", "contract"], StringComparer.Ordinal);

    /// <summary>How many words either side of a figure its near parties (<see cref="ClaimFrame.NearParties"/>) are read from.</summary>
    private const int NearWords = 10;

    /// <summary>
    /// The head of the measure (<see cref="ClaimFrame.Head"/>): for a sum of money, <c>order</c> or <c>value</c> by the deal
    /// word nearest to it ("a $16bn order", "sales of engines worth $5.6 billion", "a deal worth up to £11.5 billion"), else the
    /// counted noun.
    /// </summary>
    private static string? Head(Figure figure, List<Word> before, List<Word> after, SortedSet<string> facets)
    {
        if (figure.Kind == FigureKind.Money)
        {
            // A price per share is a price, not the value of the deal; other sums (a tax bill, a profit) name no head here.
            if (facets.Contains("unit:per-share"))
            {
                return null;
            }

            for (var k = 0; k < Math.Max(before.Count, after.Count); k++)
            {
                foreach (var word in (ReadOnlySpan<Word>)[k < before.Count ? before[^(k + 1)] : default, k < after.Count ? after[k] : default])
                {
                    if (word.Text is { } w && DealWords.Contains(w.ToLowerInvariant()))
                    {
                        return OrderWords.Contains(w.ToLowerInvariant()) ? "order" : "value";
                    }
                }
            }

            return null;
        }

        return figure.Noun is { Length: > 2 } noun && !IsMagnitude(figure) ? noun.ToLowerInvariant() : null;
    }

    /// <summary>
    /// Whether two measure heads name one thing: the same word, one lemma (troops, troop), or WordNet synonyms of their
    /// first senses (protesters, demonstrators).
    /// </summary>
    /// <param name="a">One head (<see cref="ClaimFrame.Head"/>).</param>
    /// <param name="b">The other.</param>
    /// <returns><see langword="true"/> when both are known and name one thing.</returns>
    internal static bool SameHead(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        var lexicon = Similarity.WordNetLexicon.Instance;
        Span<int> la = stackalloc int[8];
        Span<int> lb = stackalloc int[8];
        var na = lexicon.Lemmatize(a, la);
        var nb = lexicon.Lemmatize(b, lb);
        for (var i = 0; i < na; i++)
        {
            for (var j = 0; j < nb; j++)
            {
                if (la[i] == lb[j] || lexicon.AreSynonyms(la[i], lb[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The entity a figure's frame is about, for the frame route of a conflict: its subject, else the first entity its
    /// clause names, else its place (a crowd "in London"), else <paramref name="mainEntity"/> (the document's main entity, which "it", "the company" and "the
    /// deal" stand for when the clause names none).
    /// </summary>
    internal static string? EntityOf(ClaimFrame frame, string? mainEntity) =>
        frame.Subject ?? (frame.NearParties.Count > 0 ? frame.NearParties[0] : frame.Place ?? mainEntity);

    /// <summary>Whether two frames are about one entity: each one's entity (<see cref="EntityOf"/>) is the other's, or among the other's parties.</summary>
    internal static bool SameEntityOf(ClaimFrame a, string? mainA, ClaimFrame b, string? mainB)
    {
        if (EntityOf(a, mainA) is not { } ea || EntityOf(b, mainB) is not { } eb)
        {
            return false;
        }

        return OneName(ea, eb) || NamesNear(a, eb) || NamesNear(b, ea);

        static bool NamesNear(ClaimFrame frame, string entity)
        {
            foreach (var party in frame.NearParties)
            {
                if (OneName(entity, party))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Whether two frames are about entities known to differ: each one's entity (<see cref="EntityOf"/>, the document's main
    /// entity standing in for a clause that names none) is known, and neither is the other's, nor a word of it ("nepal",
    /// "nepali"), nor among the other's parties or its place. Looser than <see cref="SameEntityOf"/>, which the frame route
    /// needs: this only keeps two unrelated stories' figures (a toll in Nepal and one in a London tower block, two quakes'
    /// magnitudes) from being set against each other.
    /// </summary>
    internal static bool EntitiesDiffer(ClaimFrame a, string? mainA, ClaimFrame b, string? mainB)
    {
        if (EntityOf(a, mainA) is not { } ea || EntityOf(b, mainB) is not { } eb)
        {
            return false;
        }

        return !(SameEntity(ea, eb) || NamesParty(a, eb) || NamesParty(b, ea) || NamesNearParty(a, eb) || NamesNearParty(b, ea) || SameEntity(ea, b.Place) || (a.Place is { } pa && SameEntity(eb, pa))
            || (mainA is not null && SameEntity(mainA, eb)) || (mainB is not null && SameEntity(mainB, ea)));
    }

    /// <summary>
    /// Whether two entity keys are one name, more strictly than <see cref="SameEntity"/> (which lets any shared word do):
    /// their first words match ("kraft", "kraft foods"; "u.s. airways", "us airways"; "nepal", "nepali"), after "X-based" is
    /// dropped ("dubai-based emirates"); "qatar airways" and "us airways" are two names.
    /// </summary>
    private static bool OneName(string a, string b)
    {
        var x = FirstNameWord(a);
        var y = FirstNameWord(b);
        return x.Length > 0 && y.Length > 0
            && (string.Equals(x, y, StringComparison.Ordinal) || (x.Length >= 4 && y.Length >= 4 && (x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal))));
    }

    /// <summary>The first word of an entity key without its dots, after "X-based" is dropped: "kraft" of "kraft foods", "us" of "u.s. airways", "emirates" of "dubai-based emirates".</summary>
    internal static string FirstNameWord(string key)
    {
        var rest = key.AsSpan();
        var based = rest.IndexOf("-based ", StringComparison.Ordinal);
        if (based >= 0)
        {
            rest = rest[(based + "-based ".Length)..];
        }

        var space = rest.IndexOf(' ');
        var word = space < 0 ? rest : rest[..space];
        Span<char> buffer = stackalloc char[Math.Min(word.Length, 64)];
        var n = 0;
        foreach (var c in word)
        {
            if (c != '.' && n < buffer.Length)
            {
                buffer[n++] = c;
            }
        }

        return buffer[..n].ToString();
    }

    private static List<Word> Last(List<Word> words, int count) => words.Count <= count ? words : words.GetRange(words.Count - count, count);

    private static List<Word> First(List<Word> words, int count) => words.Count <= count ? words : words.GetRange(0, count);

    /// <summary>
    /// The document's main entity: the name (a capitalised run, not a person, a place after "in", or a common sentence
    /// opener) its passages print most often, at least twice; null when none is repeated. One scan of the passages.
    /// </summary>
    /// <param name="document">The processed document.</param>
    /// <param name="people">Its person mentions, which are never the main entity.</param>
    /// <returns>The entity key (lower-case), or null.</returns>
    internal static string? MainEntity(ProcessedDocument document, IReadOnlyList<PersonMention>? people)
    {
        var counts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
        var text = document.OriginalText;
        foreach (var passage in document.Passages)
        {
            // A headline is capitalised throughout: its words are not names.
            if (passage.Kind == PassageKind.Heading)
            {
                continue;
            }

            var words = Words(text, passage.Start, Math.Min(text.Length, passage.End));
            for (var i = 0; i < words.Count; i++)
            {
                if (!IsEntityWord(words[i].Text) || (i > 0 && PlaceWords.Contains(words[i - 1].Text)))
                {
                    continue;
                }

                var last = i;
                while (last + 1 < words.Count && IsEntityWord(words[last + 1].Text))
                {
                    last++;
                }

                // A long capitalised run is a headline, not a name.
                if (last - i < 3 && !IsPerson(people, words[i].Start, words[last].Start + words[last].Text.Length))
                {
                    var key = Key(words, i, last);
                    counts[key] = counts.TryGetValue(key, out var seen) ? (seen.Count + 1, seen.First) : (1, counts.Count);
                }

                i = last;
            }
        }

        string? best = null;
        var bestCount = 1;
        var bestFirst = int.MaxValue;
        foreach (var (key, (count, first)) in counts)
        {
            if (count > bestCount || (best is not null && count == bestCount && first < bestFirst))
            {
                (best, bestCount, bestFirst) = (key, count, first);
            }
        }

        return best ?? HeadlineEntity(document);
    }

    /// <summary>
    /// For an article whose body repeats no name (a results table: "Shr 43 cts vs 30 cts", "Net 10.6 mln vs 5,967,000"),
    /// the first word of its headline when the headline opens the document ("ASHTON-TATE &lt;TATE&gt; 4TH QTR NET",
    /// "ITALY CONSUMER PRICES RISE 0.4 PCT IN FEBRUARY"): what such an item is about; null when there is none or it is
    /// a function word or a number.
    /// </summary>
    private static string? HeadlineEntity(ProcessedDocument document)
    {
        if (document.Passages.Count == 0 || document.Passages[0] is not { Kind: PassageKind.Heading } heading)
        {
            return null;
        }

        var text = document.OriginalText;
        var words = Words(text, heading.Start, Math.Min(text.Length, heading.End));
        if (words.Count == 0 || words[0].Text.Length < 2 || !char.IsLetter(words[0].Text[0]) || Claims.Stopwords.Contains(words[0].Text))
        {
            return null;
        }

        return Words_StripPossessive(words[0].Text).ToLowerInvariant();
    }

    /// <summary>Whether a figure is a quake's magnitude: read with the magnitude unit, or a decimal below 10 written against "magnitude" ("magnitude-7.9", "a 7.8-magnitude quake").</summary>
    /// <param name="figure">A figure.</param>
    /// <returns><see langword="true"/> for a magnitude.</returns>
    internal static bool IsMagnitude(Figure figure)
    {
        if (string.Equals(figure.Unit, "magnitude", StringComparison.OrdinalIgnoreCase) || figure.Text.Contains("magnitude", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (figure.Kind != FigureKind.Count || figure.Value is not { } value || value >= 10 || value == Math.Floor(value))
        {
            return false;
        }

        foreach (var word in figure.Context)
        {
            if (word.StartsWith("magnitude", StringComparison.OrdinalIgnoreCase) || word.Equals("richter", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the frame is of an aftershock, tremor or foreshock rather than the main event.</summary>
    internal static bool IsAftershock(ClaimFrame? frame)
    {
        if (frame is null)
        {
            return false;
        }

        foreach (var facet in frame.Facets)
        {
            if (facet.StartsWith("event:", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether both frames state the same outcome (dead, injured, missing …) and at least one.</summary>
    internal static bool SameOutcome(ClaimFrame a, ClaimFrame b)
    {
        var any = false;
        foreach (var facet in a.Facets)
        {
            any |= facet.StartsWith("outcome:", StringComparison.Ordinal);
        }

        return any && SameInCategory(a.Facets, b.Facets, "outcome:");
    }

    private static bool IsFixedMeasure(Figure figure) =>
        IsMagnitude(figure) ||
        figure.Noun?.ToLowerInvariant() is "magnitude" or "storey" or "storeys" or "story" or "stories" or "floor" or "floors"
        || figure.Text.Contains("storey", StringComparison.OrdinalIgnoreCase);

    /// <summary>How two frames relate: the same claim, two points of a timeline, or different claims.</summary>
    /// <param name="a">One frame.</param>
    /// <param name="b">The other.</param>
    /// <param name="linked">Whether the two sentences are near-duplicates or rewrites of each other (then an unknown subject or place on either side is taken to be shared).</param>
    /// <returns>The relation.</returns>
    /// <exception cref="ArgumentNullException">A frame is null.</exception>
    public static FrameMatch Compare(ClaimFrame a, ClaimFrame b, bool linked)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Role != b.Role)
        {
            return FrameMatch.Different;
        }

        // A change is never a level, a rise never a fall (the aligner blocks by the figure's direction as well).
        if (a.Direction != b.Direction)
        {
            return FrameMatch.Different;
        }

        if (!FacetsAgree(a.Facets, b.Facets))
        {
            return FrameMatch.Different;
        }

        // Two periods of a statistic (two months, two quarters) are two figures; two days a few days apart are one count
        // reported as it moved (3,000 troops on Tuesday, more than 10,000 on Wednesday): a timeline, if the rest matches.
        var daysApart = false;
        if (a.Time is { } ta && b.Time is { } tb && !ta.Overlaps(tb))
        {
            if (ta.Start != ta.End || tb.Start != tb.End || Math.Abs(ta.Start.DayNumber - tb.Start.DayNumber) > TimelineDays)
            {
                return FrameMatch.Different;
            }

            daysApart = true;
        }

        // A figure whose sentence names no period is about the time of its report: it cannot be a figure of a period that
        // began after the report, nor of one that ended more than a year before it ("2.6%" reported in January 2015
        // against "2.6 per cent in the fourth quarter of 2018").
        if (Outside(a, b) || Outside(b, a))
        {
            return FrameMatch.Different;
        }

        if (!linked && a.Subject is { } sa && b.Subject is { } sb && !SameEntity(sa, sb) && !SameEntity(sa, b.Place) && !SameEntity(sb, a.Place)
            && !NamesParty(b, sa) && !NamesParty(a, sb))
        {
            return FrameMatch.Different;
        }

        if (a.Place is { } pa && b.Place is { } pb && !string.Equals(pa, pb, StringComparison.Ordinal) && !pa.Contains(pb, StringComparison.Ordinal) && !pb.Contains(pa, StringComparison.Ordinal))
        {
            return FrameMatch.Different;
        }

        // A moving figure (a toll, an estimate) reported on two days is two points of its timeline; so is any figure
        // reported again more than a week later with another value.
        if (daysApart)
        {
            return FrameMatch.Timeline;
        }

        if (a.Reported is { } ra && b.Reported is { } rb && ra != rb
            && ((a.Moving || b.Moving) || Math.Abs(ra.DayNumber - rb.DayNumber) > TimelineDays))
        {
            return FrameMatch.Timeline;
        }

        return FrameMatch.Same;
    }

    /// <summary>
    /// Whether two subjects may name one entity: they share a word, or one word is the other's stem ("nepal", "nepali";
    /// "qatar", "qatar airways"). A capitalised run of more than three words is a headline, not a name, and matches anything.
    /// </summary>
    private static readonly HashSet<string> CorporateForms = new(StringComparer.Ordinal)
    {
        "inc", "inc.", "corp", "corp.", "co.", "ltd", "ltd.", "plc", "llc", "company", "corporation", "group", "holdings", "industries",
    };

    private static bool SameEntity(string a, string? b)
    {
        if (b is null)
        {
            return false;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        var wordsA = a.Split(' ', '-');
        var wordsB = b.Split(' ', '-');
        if (wordsA.Length > 3 || wordsB.Length > 3)
        {
            return true;
        }

        foreach (var x in wordsA)
        {
            foreach (var y in wordsB)
            {
                // "Inc", "Corp", "Co": the form of a company, not its name ("... International Inc", "... Transport Inc").
                if (x.Length >= 3 && y.Length >= 3 && !CorporateForms.Contains(x) && (x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the frame's clause names <paramref name="entity"/> among its parties ("Cadbury" in "Cadbury accepted a takeover from Kraft").</summary>
    private static bool NamesParty(ClaimFrame frame, string entity) => AmongParties(frame.Parties, entity);

    /// <summary>Whether <paramref name="entity"/> is among the parties named within ten words of the frame's figure.</summary>
    private static bool NamesNearParty(ClaimFrame frame, string entity) => AmongParties(frame.NearParties, entity);

    private static bool AmongParties(IReadOnlyList<string> parties, string entity)
    {
        foreach (var party in parties)
        {
            if (SameEntity(entity, party))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the frame is a forecast, an expectation or a target rather than an outcome.</summary>
    /// <param name="frame">A frame.</param>
    /// <returns><see langword="true"/> for a forecast; a forecast never matches an outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is null.</exception>
    public static bool IsForecast(ClaimFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Has(frame.Facets, "mode:forecast");
    }

    private static bool Outside(ClaimFrame undated, ClaimFrame dated) =>
        undated.Time is null && undated.Reported is { } reported && dated.Time is { } period
        && !Has(undated.Facets, "mode:forecast")
        && (period.Start > reported || reported.DayNumber - period.End.DayNumber > UndatedReach);

    /// <summary>
    /// Whether two frames that <see cref="Compare"/> matched are firm enough to set two disjoint values against each other
    /// (a conflict or a timeline step): both are claims, not baselines, and they state the same outcome facets, or neither
    /// states one. Agreement needs less: two equal values of "58 dead or missing" and "58 dead" agree, but "at least 30
    /// dead" against "58 dead or missing" is two measures, not a conflict.
    /// </summary>
    /// <param name="a">One frame.</param>
    /// <param name="b">The other.</param>
    /// <returns><see langword="true"/> when disjoint values of the two frames may be a conflict or an update.</returns>
    /// <exception cref="ArgumentNullException">A frame is null.</exception>
    public static bool CanDiffer(ClaimFrame a, ClaimFrame b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Role == FrameRole.Baseline || b.Role == FrameRole.Baseline)
        {
            return false;
        }

        // A moving count (a toll, an estimate) from an undated report, set against one from a dated report, may be any
        // point of the dated one's timeline. (When neither report is dated, both are taken as of one time.)
        if ((a.Moving || b.Moving) && (a.Reported is null) != (b.Reported is null) && (a.Time is null || b.Time is null))
        {
            return false;
        }

        foreach (var category in StrictCategories)
        {
            if (!SameInCategory(a.Facets, b.Facets, category))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameInCategory(IReadOnlyList<string> a, IReadOnlyList<string> b, string category)
    {
        var countA = 0;
        foreach (var x in a)
        {
            if (x.StartsWith(category, StringComparison.Ordinal))
            {
                countA++;
                if (!Has(b, x))
                {
                    return false;
                }
            }
        }

        var countB = 0;
        foreach (var y in b)
        {
            countB += y.StartsWith(category, StringComparison.Ordinal) ? 1 : 0;
        }

        return countA == countB;
    }

    private static bool FacetsAgree(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // A forecast is never the figure it forecasts.
        if (Has(a, "mode:forecast") != Has(b, "mode:forecast"))
        {
            return false;
        }

        foreach (var x in a)
        {
            var category = x[..x.IndexOf(':', StringComparison.Ordinal)];
            if (Has(b, x))
            {
                continue;
            }

            // The category is stated on both sides, with no value in common: another measure.
            var shared = false;
            var stated = false;
            foreach (var y in b)
            {
                if (y.StartsWith(category + ":", StringComparison.Ordinal))
                {
                    stated = true;
                    shared |= Has(a, y);
                }
            }

            if (stated && !shared)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Has(IReadOnlyList<string> facets, string facet)
    {
        foreach (var f in facets)
        {
            if (string.Equals(f, facet, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct Word(string Text, int Start);

    private static List<Word> Words(string text, int from, int to)
    {
        var words = new List<Word>();
        foreach (var match in WordPattern().EnumerateMatches(text.AsSpan(from, Math.Max(0, to - from))))
        {
            // A full stop after a word ends the sentence, not the word ("on Sunday."); an abbreviation keeps its dots ("U.S.").
            var length = match.Length;
            var word = text.AsSpan(from + match.Index, length);
            if (length > 1 && word[^1] == '.' && word[..^1].IndexOf('.') < 0)
            {
                length--;
            }

            words.Add(new Word(text.Substring(from + match.Index, length), from + match.Index));
        }

        return words;
    }

    private static (int Start, int End) Clause(string text, int from, int to, int start, int end)
    {
        var s = start;
        while (s > from && !IsHard(text, s - 1) && !OpensClause(text, s - 1))
        {
            s--;
        }

        var e = end;
        while (e < to && !IsHard(text, e) && !OpensClause(text, e))
        {
            e++;
        }

        // "a sweetened 11.5 billion pound ($19.5 billion) takeover from Kraft": a short aside in brackets right after the
        // figure (a conversion, an abbreviation) does not end its clause.
        if (e < to && text[e] == '(' && string.IsNullOrWhiteSpace(text[end..e]))
        {
            var close = text.IndexOf(')', e, Math.Min(MaxAside, to - e));
            if (close > e)
            {
                e = close + 1;
                while (e < to && !IsHard(text, e) && !OpensClause(text, e))
                {
                    e++;
                }
            }
        }

        return (s, e);
    }

    private static bool IsHard(string text, int i)
    {
        var c = text[i];
        return c is ';' or ':' or '(' or ')' or '[' or ']' or '"' or '\u201C' or '\u201D' or '\u2014' or '\u2013' or '!' or '?' or '\n'
            || (c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && (i == 0 || !char.IsDigit(text[i - 1]) || i + 1 == text.Length));
    }

    // A comma followed by a word that opens a new clause.
    private static bool OpensClause(string text, int i)
    {
        if (text[i] != ',')
        {
            return false;
        }

        var j = i + 1;
        while (j < text.Length && text[j] == ' ')
        {
            j++;
        }

        var k = j;
        while (k < text.Length && char.IsLetter(text[k]))
        {
            k++;
        }

        return k > j && ClauseOpeners.Contains(text[j..k].ToLowerInvariant());
    }

    /// <summary>What is counted or valued: the figure's noun, or the nearest content words in front of it.</summary>
    private static string Measure(Figure figure, List<Word> before)
    {
        var words = new List<string>(3);
        for (var i = before.Count - 1; i >= 0 && words.Count < 2; i--)
        {
            var w = before[i].Text;
            var lower = w.ToLowerInvariant();
            if (lower.Length < 3 || Stopwords.Contains(lower) || char.IsDigit(w[0]) || char.IsUpper(w[0]) || RiseWords.Contains(lower)
                || FallWords.Contains(lower) || BaselineWords.Contains(lower) || SpeechVerbs.Contains(lower) || lower is "has" or "have" or "had" or "was" or "were" or "are" or "been")
            {
                if (words.Count > 0)
                {
                    break;
                }

                continue;
            }

            words.Insert(0, lower);
        }

        var noun = figure.Noun?.ToLowerInvariant();
        if (noun is not null && !words.Contains(noun))
        {
            words.Add(noun);
        }

        return string.Join(' ', words);
    }

    /// <summary>The entity nearest in front of the figure in its clause that is not a speaker or a source.</summary>
    private static string? Subject(List<Word> before, IReadOnlyList<PersonMention>? people, string text)
    {
        for (var i = before.Count - 1; i >= 0; i--)
        {
            if (!IsEntityWord(before[i].Text) || (i > 0 && PlaceWords.Contains(before[i - 1].Text)))
            {
                continue;
            }

            // The whole capitalised run ending here.
            var first = i;
            while (first > 0 && IsEntityWord(before[first - 1].Text))
            {
                first--;
            }

            if (first > 0 && PlaceWords.Contains(before[first - 1].Text))
            {
                i = first;
                continue;
            }

            var next = i + 1 < before.Count ? before[i + 1].Text.ToLowerInvariant() : "";
            var isSpeaker = SpeechVerbs.Contains(next) || IsAccordingTo(before, first);

            // "the maker of Dairy Milk and Twirl": a name inside an "of" phrase or after "and" qualifies another noun.
            var qualifier = first > 0 && before[first - 1].Text is "of" or "and" or "&";
            if (isSpeaker || qualifier || IsPerson(people, before[first].Start, before[i].Start + before[i].Text.Length))
            {
                i = first;
                continue;
            }

            return Key(before, first, i);
        }

        return null;
    }

    private static bool IsAccordingTo(List<Word> words, int first) =>
        first > 1 && words[first - 1].Text is "to" && words[first - 2].Text.Equals("according", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Every entity the clause names around the figure (at most <see cref="MaxParties"/>), but speakers, sources, people and
    /// places: the parties of a deal ("Cadbury ... a takeover from Kraft Foods") and the like.
    /// </summary>
    private static string[] Parties(List<Word> before, List<Word> after, IReadOnlyList<PersonMention>? people)
    {
        var parties = new List<string>(MaxParties);
        Collect(before);
        Collect(after);
        return [.. parties];

        void Collect(List<Word> words)
        {
            for (var i = 0; i < words.Count && parties.Count < MaxParties; i++)
            {
                if (!IsEntityWord(words[i].Text))
                {
                    continue;
                }

                var last = i;
                while (last + 1 < words.Count && IsEntityWord(words[last + 1].Text))
                {
                    last++;
                }

                var speaker = (last + 1 < words.Count && SpeechVerbs.Contains(words[last + 1].Text.ToLowerInvariant())) || IsAccordingTo(words, i);
                var place = i > 0 && PlaceWords.Contains(words[i - 1].Text);
                if (!speaker && !place && !IsPerson(people, words[i].Start, words[last].Start + words[last].Text.Length))
                {
                    var key = Key(words, i, last);
                    if (!parties.Contains(key))
                    {
                        parties.Add(key);
                    }
                }

                i = last;
            }
        }
    }

    /// <summary>The place the clause puts the figure in: "in Nepal", "in southern Russia", "in the Kathmandu Valley".</summary>
    private static string? Place(List<Word> before, List<Word> after)
    {
        var found = PlaceIn(after, fromEnd: false) ?? PlaceIn(before, fromEnd: true);
        return found;
    }

    private static string? PlaceIn(List<Word> words, bool fromEnd)
    {
        for (var n = 0; n < words.Count; n++)
        {
            var i = fromEnd ? words.Count - 1 - n : n;
            if (!PlaceWords.Contains(words[i].Text))
            {
                continue;
            }

            var j = i + 1;
            if (j < words.Count && words[j].Text is "the")
            {
                j++;
            }

            var compass = j < words.Count && CompassPattern().IsMatch(words[j].Text) ? words[j++].Text.ToLowerInvariant() + " " : "";
            if (j < words.Count && IsEntityWord(words[j].Text))
            {
                var last = j;
                while (last + 1 < words.Count && IsEntityWord(words[last + 1].Text))
                {
                    last++;
                }

                return compass + Key(words, j, last);
            }
        }

        return null;
    }

    private static string Key(List<Word> words, int first, int last)
    {
        var parts = new List<string>(last - first + 1);
        for (var k = first; k <= last; k++)
        {
            parts.Add(Words_StripPossessive(words[k].Text).ToLowerInvariant());
        }

        return string.Join(' ', parts);
    }

    private static string Words_StripPossessive(string word) =>
        word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("\u2019s", StringComparison.Ordinal) ? word[..^2] : word;

    private static bool IsEntityWord(string word) =>
        word.Length > 1 && char.IsUpper(word[0]) && !NotEntities.Contains(Words_StripPossessive(word)) && !char.IsDigit(word[^1]);

    /// <summary>
    /// Whether a person mention overlaps [<paramref name="start"/>, <paramref name="end"/>). A short list is scanned; a
    /// longer one gets a <see cref="MentionIndex"/>, built once per list, so that a document with many people and many
    /// capitalised runs costs n log n, not n × people.
    /// </summary>
    private static bool IsPerson(IReadOnlyList<PersonMention>? people, int start, int end)
    {
        if (people is null || people.Count == 0)
        {
            return false;
        }

        if (people.Count > MentionIndex.ScanBelow)
        {
            return MentionIndexes.GetValue(people, static list => new MentionIndex(list)).Overlaps(start, end);
        }

        for (var i = 0; i < people.Count; i++)
        {
            if (people[i].Start < end && start < people[i].End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The mention index of each person list that has been asked about (the lists are immutable once extracted).</summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<PersonMention>, MentionIndex> MentionIndexes = new();

    /// <summary>
    /// Person mentions sorted by start, with the running maximum of their ends: some mention overlaps [start, end) exactly
    /// when, among the mentions starting before <c>end</c>, the largest end is after <c>start</c>. One binary search per question.
    /// </summary>
    internal sealed class MentionIndex
    {
        /// <summary>Lists up to this long are scanned instead.</summary>
        internal const int ScanBelow = 16;

        private readonly int[] _starts;
        private readonly int[] _maxEnds;

        internal MentionIndex(IReadOnlyList<PersonMention> people)
        {
            _starts = new int[people.Count];
            _maxEnds = new int[people.Count];
            for (var i = 0; i < people.Count; i++)
            {
                _starts[i] = people[i].Start;
                _maxEnds[i] = people[i].End;
            }

            Array.Sort(_starts, _maxEnds);
            for (var i = 1; i < _maxEnds.Length; i++)
            {
                _maxEnds[i] = Math.Max(_maxEnds[i], _maxEnds[i - 1]);
            }
        }

        internal bool Overlaps(int start, int end)
        {
            // The first mention that starts at or after end: every one before it starts before end.
            int lo = 0, hi = _starts.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_starts[mid] < end)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo > 0 && _maxEnds[lo - 1] > start;
        }
    }

    /// <summary>A baseline when a comparison word stands just in front of the figure ("up from 5%", "compared with 474,000", "the previous estimate of 1,000"), or a word of the past follows it ("the 4 percent initially reported").</summary>
    private static FrameRole Role(Figure figure, List<Word> before, List<Word> after)
    {
        for (var k = before.Count - 1; k >= Math.Max(0, before.Count - 5); k--)
        {
            var lower = before[k].Text.ToLowerInvariant();
            if (BaselineWords.Contains(lower))
            {
                // "last" only as "last week's estimate", never "last year" (that is the figure's time).
                if (lower == "last" && (k + 1 >= before.Count || before[k + 1].Text is "year" or "month" or "quarter" or "week"))
                {
                    continue;
                }

                // "from 6 to 18 deaths" read as one range is the claim, not a baseline.
                if (lower == "from" && IsRange(figure.Text))
                {
                    continue;
                }

                return FrameRole.Baseline;
            }
        }

        for (var k = 0; k < Math.Min(after.Count, 3); k++)
        {
            if (after[k].Text.ToLowerInvariant() is "initially" or "previously" or "originally" or "earlier")
            {
                return FrameRole.Baseline;
            }
        }

        return FrameRole.Claim;
    }

    private static bool IsRange(string text) =>
        text.Contains(" to ", StringComparison.OrdinalIgnoreCase) || text.Contains(" and ", StringComparison.OrdinalIgnoreCase)
        || text.Contains('\u2013', StringComparison.Ordinal) || (text.IndexOf('-', 1) > 0 && char.IsDigit(text[^1]));

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\u2019.-]*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^(?:north|south|east|west)(?:ern|-eastern|-western|east|west)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CompassPattern();

    [GeneratedRegex(@"\b(?:per|a|each)[ -]share\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerShare();

    [GeneratedRegex(@"\bso far\b|\bhas (?:risen|climbed|reached|passed|topped)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SoFar();
}
