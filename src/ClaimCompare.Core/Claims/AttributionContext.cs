using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>Finds who said a quote: speech verbs near it, their subjects, and pronouns resolved to people.</summary>
internal sealed class AttributionContext
{
    private const int BeforeReach = 60;
    private const int AfterReach = 14;
    private const int PronounReach = 200;
    private const int MaxDescriptionWords = 8;
    private const int SalienceReach = 6;
    private const int SalienceDistance = 1200;
    private const int ImplicitPassages = 3;

    private static readonly HashSet<string> SkippableBeforeVerb = new(StringComparer.OrdinalIgnoreCase)
    {
        "also", "later", "then", "has", "have", "had", "was", "is", "would", "will", "further", "again", "previously",
        "earlier", "repeatedly", "once", "recently", "did", "had", "reportedly", "had", "flatly", "simply", "publicly",
        "privately", "quickly", "firmly", "angrily", "bluntly", "told", "separately", "only", "not", "never", "just", "even",
        "still", "now", "first", "simply", "afterwards", "subsequently", "tearfully", "calmly", "confidently", "candidly",
    };

    /// <summary>Titles that name one office: "the judge" is the person printed as "Justice Carroccia".</summary>
    private static readonly Dictionary<string, string[]> TitleSynonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["judge"] = ["justice", "magistrate"], ["justice"] = ["judge"], ["magistrate"] = ["judge"],
        ["spokesman"] = ["spokesperson", "spokeswoman"], ["spokeswoman"] = ["spokesperson", "spokesman"],
        ["spokesperson"] = ["spokesman", "spokeswoman"], ["prosecutor"] = ["attorney", "crown"], ["lawyer"] = ["attorney", "counsel"],
    };

    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private readonly List<int> _tokenParagraph = [];
    private readonly List<PersonMention> _mentions;
    private readonly Dictionary<int, PersonMention> _byStart = [];
    private readonly Dictionary<int, PersonMention> _byEnd = [];
    private readonly Dictionary<string, Gender> _genders = new(StringComparer.Ordinal);
    private readonly List<int> _passageStarts = [];
    private readonly List<int> _tokenPassage = [];

    /// <summary>Set when the last pronoun resolved to a person the text has not named: their description.</summary>
    private string? _unnamed;

    /// <summary>The quotations' spans [open mark, close mark], in text order: people named inside quotations are talked
    /// about, not the subjects of the narration.</summary>
    private readonly List<(int Start, int End)> _quoted = [];

    public AttributionContext(string text, IReadOnlyList<Passage> passages, IReadOnlyList<PersonMention> mentions,
        IReadOnlyList<QuoteExtractor.RawQuote>? quotes = null)
    {
        _text = text;
        if (quotes is not null)
        {
            foreach (var q in quotes)
            {
                _quoted.Add((q.OpenMark, q.CloseMark >= 0 ? q.CloseMark : q.End));
            }

            _quoted.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        }

        foreach (var passage in passages)
        {
            while (_passageStarts.Count <= passage.Index)
            {
                _passageStarts.Add(passage.Start);
            }

            var start = Math.Clamp(passage.Start, 0, text.Length);
            var end = Math.Clamp(passage.End, start, text.Length);
            if (_tokens.Count > 0 && start < _tokens[^1].End)
            {
                // Overlapping or unordered passages: keep the tokens sorted by dropping the overlap.
                start = Math.Min(end, _tokens[^1].End);
            }

            foreach (var t in Tokenizer.Tokenize(text, start, end))
            {
                _tokens.Add(t);
                _tokenParagraph.Add(passage.Paragraph);
                _tokenPassage.Add(passage.Index);
            }
        }

        var sorted = new List<PersonMention>(mentions);
        sorted.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        _mentions = sorted;
        foreach (var m in sorted)
        {
            _byStart.TryAdd(m.Start, m);
            _byEnd.TryAdd(m.End, m);
            var g = GenderOf(m);
            if (g != Gender.Unknown || !_genders.ContainsKey(m.Name))
            {
                if (!_genders.TryGetValue(m.Name, out var known) || known == Gender.Unknown)
                {
                    _genders[m.Name] = g;
                }
            }
        }
    }

    private static Gender GenderOf(PersonMention m)
    {
        var surface = m.Surface.AsSpan();
        var space = surface.IndexOfAny(' ', '.');
        if (space > 0 && NameLexicon.Honorific(surface[..space]) is { } h)
        {
            return h;
        }

        var name = m.Name.AsSpan();
        var firstSpace = name.IndexOf(' ');
        return firstSpace > 0 && NameLexicon.FirstName(name[..firstSpace]) is { } g ? g : Gender.Unknown;
    }

    /// <summary>Attributes a quote; <c>Found</c> is false when no speech verb is near it at all. When the speaker is
    /// no named person, <c>Description</c> is the subject as printed ("a club spokesman", "the army").</summary>
    public (bool Found, string? Speaker, string? Description) Attribute(QuoteExtractor.RawQuote quote)
    {
        _unnamed = null;
        if (quote.CloseMark >= 0 && !EndsWithFullStop(quote))
        {
            var after = FirstTokenAfter(quote.CloseMark);
            if (after < _tokens.Count && _tokenParagraph[after] == quote.Paragraph)
            {
                var end = WindowEnd(after, quote.Paragraph);
                var result = AttributeAfter(after, end);
                if (result.Found)
                {
                    return Named(result, quote.OpenMark);
                }
            }
        }

        var before = LastTokenBefore(quote.OpenMark);

        // A quotation that opens a sentence takes no attribution from the sentence before it.
        if (before >= 0 && _tokenParagraph[before] == quote.Paragraph && !IsSentenceEnd(before))
        {
            var start = SentenceStart(before, quote.Paragraph);
            for (var v = before; v >= start; v--)
            {
                if (IsQuoteMark(v))
                {
                    start = v + 1;
                    break;
                }
            }

            var found = false;
            string? description = null;
            for (var v = before; v >= start; v--)
            {
                if (!IsVerbAt(v))
                {
                    continue;
                }

                found = true;
                var speaker = Resolve(v, start, before + 1);
                if (speaker is not null)
                {
                    return (true, speaker, null);
                }

                if (_unnamed is not null)
                {
                    return (true, null, _unnamed);
                }

                description ??= Describe(v, start, before + 1);
            }

            if (found && description is not null)
            {
                return Named((true, null, description), quote.OpenMark);
            }

            // A second quotation in one sentence ("said Reid had a "device," which "if placed..."") or one after a
            // participle ("went on to say that he had "no idea" ..., adding: "..."): the verb may stand before an
            // earlier quotation of the sentence.
            var sentenceStart = SentenceStart(before, quote.Paragraph);
            for (var v = start - 1; v >= sentenceStart; v--)
            {
                if (!IsVerbAt(v) || IsQuoted(_tokens[v].Start))
                {
                    continue;
                }

                found = true;
                var speaker = Resolve(v, sentenceStart, before + 1);
                if (speaker is not null)
                {
                    return (true, speaker, null);
                }

                if (_unnamed is not null)
                {
                    return (true, null, _unnamed);
                }

                description ??= Describe(v, sentenceStart, before + 1);
                if (description is not null)
                {
                    break;
                }
            }

            if (found)
            {
                return Named((true, null, description), quote.OpenMark);
            }
        }

        return (false, null, null);
    }

    /// <summary>Whether the quotation's own words end with a full stop: "...the 12th day'." — the sentence ends with it,
    /// and what follows the closing mark is the next sentence.</summary>
    private bool EndsWithFullStop(QuoteExtractor.RawQuote quote)
    {
        var k = quote.CloseMark - 1;
        while (k > quote.Start && (char.IsWhiteSpace(_text[k]) || Tokenizer.IsApostrophe(_text[k])))
        {
            k--;
        }

        return k > quote.Start && _text[k] == '.' && !(k > 0 && _text[k - 1] == '.');
    }

    /// <summary>"The President said", "the 34-year-old added": a description of someone the text has named.</summary>
    private (bool Found, string? Speaker, string? Description) Named((bool Found, string? Speaker, string? Description) result, int position)
    {
        if (result.Speaker is not null || result.Description is null || ResolveDescription(result.Description, position) is not { } name)
        {
            return result;
        }

        return (true, name, null);
    }

    private (bool Found, string? Speaker, string? Description) AttributeAfter(int after, int end)
    {
        // "…" -Name, "…" — Name.
        var first = _tokens[after];
        if (first.Kind == TokenKind.Punct && (Tokenizer.IsHyphen(_text[first.Start]) || Tokenizer.IsDash(_text[first.Start]))
            && after + 1 < end && _byStart.TryGetValue(_tokens[after + 1].Start, out var dashed))
        {
            return (true, dashed.Name, null);
        }

        for (var v = after; v < end; v++)
        {
            if (IsQuoteMark(v))
            {
                break;
            }

            if (!IsVerbAt(v))
            {
                continue;
            }

            // "…" and said / but warned / adding: the sentence's own subject speaks, found before the quote.
            var previous = v > after ? _tokens[v - 1].Span(_text) : default;
            if (SpeechVerbs.IsParticiple(_tokens[v].Span(_text)) || Words.Is(previous, "and") || Words.Is(previous, "but"))
            {
                continue;
            }

            var speaker = Resolve(v, after, end);
            if (speaker is not null)
            {
                return (true, speaker, null);
            }

            if (_unnamed is not null)
            {
                return (true, null, _unnamed);
            }

            // Only the first verb after a quote speaks for it ("…," the ministry said, warning that…), and only
            // when it is close enough to be the quote's attribution rather than the next clause's verb.
            return v - after < 7 ? (true, null, Describe(v, after, end)) : (false, null, null);
        }

        return (false, null, null);
    }

    /// <summary>The subject of the verb at <paramref name="v"/> as printed when it names no person: "a spokesman",
    /// "the Belarusian Defense Ministry", "said a club spokesman", "quoted one witness as saying".</summary>
    private string? Describe(int v, int windowStart, int windowEnd)
    {
        var verb = _tokens[v].Span(_text);
        if (Words.Is(verb, "according"))
        {
            return Phrase(v + 2, windowEnd);
        }

        var k = SubjectEnd(v, windowStart);

        // Left: back over the noun phrase to the start of the clause.
        var first = k + 1;
        for (var j = k; j >= windowStart && k - j < MaxDescriptionWords; j--)
        {
            var t = _tokens[j];
            if (t.Kind == TokenKind.Punct && !Tokenizer.IsHyphen(_text[t.Start]))
            {
                break;
            }

            if (t.Kind == TokenKind.Word && IsClauseWord(t.Span(_text)))
            {
                break;
            }

            first = j;
        }

        if (first <= k)
        {
            var w = _tokens[first].Span(_text);
            if (IsDeterminer(w) || Words.IsCapitalized(w))
            {
                return _text[_tokens[first].Start.._tokens[k].End];
            }
        }

        // Right: "said a club spokesman", "quoted one witness as saying".
        if (!SpeechVerbs.IsParticiple(verb) && v + 1 < windowEnd && IsDeterminer(_tokens[v + 1].Span(_text)))
        {
            return Phrase(v + 1, windowEnd);
        }

        return null;
    }

    private string? Phrase(int from, int windowEnd)
    {
        var last = -1;
        for (var j = from; j < windowEnd && j - from < MaxDescriptionWords; j++)
        {
            var t = _tokens[j];
            if (t.Kind == TokenKind.Punct && !Tokenizer.IsHyphen(_text[t.Start]) && !Tokenizer.IsApostrophe(_text[t.Start]))
            {
                break;
            }

            if (t.Kind == TokenKind.Word && j > from && (IsClauseWord(t.Span(_text)) || SpeechVerbs.IsSpeechVerb(t.Span(_text))))
            {
                break;
            }

            last = j;
        }

        return last < from ? null : _text[_tokens[from].Start.._tokens[last].End];
    }

    private static bool IsDeterminer(ReadOnlySpan<char> w) =>
        Words.Is(w, "a") || Words.Is(w, "an") || Words.Is(w, "the") || Words.Is(w, "one") || Words.Is(w, "his") || Words.Is(w, "her")
        || Words.Is(w, "their") || Words.Is(w, "its") || Words.Is(w, "another") || Words.Is(w, "two") || Words.Is(w, "three");

    /// <summary>Words that end a noun phrase read leftwards from a verb: pronouns, conjunctions, relatives, prepositions of time.</summary>
    private static bool IsClauseWord(ReadOnlySpan<char> w) =>
        Words.Is(w, "and") || Words.Is(w, "but") || Words.Is(w, "that") || Words.Is(w, "which") || Words.Is(w, "who") || Words.Is(w, "as")
        || Words.Is(w, "it") || Words.Is(w, "they") || Words.Is(w, "we") || Words.Is(w, "i") || Words.Is(w, "you") || Words.Is(w, "there")
        || Words.Is(w, "while") || Words.Is(w, "when") || Words.Is(w, "if") || Words.Is(w, "although") || Words.Is(w, "because")
        || Words.Is(w, "on") || Words.Is(w, "in") || Words.Is(w, "at") || Words.Is(w, "after") || Words.Is(w, "before")
        || Words.Is(w, "however") || Words.Is(w, "meanwhile") || Words.Is(w, "earlier") || Words.Is(w, "yesterday") || Words.Is(w, "today")
        || Words.Is(w, "said") || Words.Is(w, "says") || Words.Is(w, "he") || Words.Is(w, "she") || Words.Is(w, "also");

    /// <summary>A definite description of someone the text has named: "the President" or "the judge" (the person
    /// with that title), "the 34-year-old", "the Frenchman", "the nine-time race winner" (the person the recent
    /// sentences are about). A description whose head an unnamed person was introduced with ("a spokesman for
    /// NEMA ... the spokesman said") stays unnamed.</summary>
    private string? ResolveDescription(string description, int position)
    {
        var words = description.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 6 || !Words.Is(words[0], "the"))
        {
            return null;
        }

        var head = Words.StripPossessive(words[^1]).ToString();
        if (!PersonNouns.IsPersonNoun(head))
        {
            return null;
        }

        var last = LastMentionBefore(position);
        if (TitleLexicon.IsHead(head))
        {
            // A title names whoever holds it.
            TitleSynonyms.TryGetValue(head, out var synonyms);
            for (var i = last; i >= 0 && last - i < PronounReach; i--)
            {
                var m = _mentions[i];
                if ((m.RoleText ?? m.Role) is { } role && (role.Contains(head, StringComparison.OrdinalIgnoreCase)
                    || (synonyms is not null && Array.Exists(synonyms, x => role.Contains(x, StringComparison.OrdinalIgnoreCase)))))
                {
                    return m.Name;
                }
            }

        }

        // Ages, demonyms, nouns like "driver" or "winner", and titles held by no one named ("the seven-time World
        // Champion") describe the person the text is about, unless an unnamed person was introduced with the same noun
        // ("a spokesman for NEMA ... the spokesman said").
        return IntroducedUnnamed(head, position) ? null : SalientPerson(position, Gender.Unknown, DescriptionPassages)?.Name;
    }

    /// <summary>Whether an unnamed person was introduced with <paramref name="head"/> before
    /// <paramref name="position"/>: "a spokesman", "one official".</summary>
    private bool IntroducedUnnamed(string head, int position)
    {
        var k = LastTokenBefore(position);
        for (var n = 0; k >= 1 && n < 400; k--, n++)
        {
            if (_tokens[k].Kind != TokenKind.Word || !Words.Is(_tokens[k].Span(_text), head))
            {
                continue;
            }

            for (var j = k - 1; j >= 0 && k - j <= 4; j--)
            {
                var w = _tokens[j].Span(_text);
                if (_tokens[j].Kind != TokenKind.Word)
                {
                    break;
                }

                if (Words.Is(w, "a") || Words.Is(w, "an") || Words.Is(w, "one") || Words.Is(w, "another"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsVerbAt(int v)
    {
        var t = _tokens[v];
        if (t.Kind != TokenKind.Word)
        {
            return false;
        }

        var w = t.Span(_text);
        if (SpeechVerbs.IsSpeechVerb(w))
        {
            return true;
        }

        return Words.Is(w, "according") && v + 1 < _tokens.Count && Words.Is(_tokens[v + 1].Span(_text), "to");
    }

    /// <summary>The person who is the subject of the speech verb at <paramref name="v"/>, or null.</summary>
    private string? Resolve(int v, int windowStart, int windowEnd)
    {
        var verb = _tokens[v].Span(_text);
        if (Words.Is(verb, "according"))
        {
            return PersonStartingNear(v + 2, windowEnd);
        }

        // Left: "Stoltenberg said", "she said", "X, the deputy secretary of state, said", "X, who said".
        var k = SubjectEnd(v, windowStart);
        if (k >= windowStart)
        {
            var left = LeftSubject(k, windowStart);
            if (left is not null || _unnamed is not null)
            {
                return left;
            }
        }

        // Right: "said Stoltenberg", "said he", "said NATO Secretary-General Jens Stoltenberg" — the speaker only when the
        // name ends the clause; in "said he would go" or "said Biden had lied" it is the subject of what was said.
        if (v + 1 < windowEnd && !SpeechVerbs.IsParticiple(verb))
        {
            var pronoun = PronounAt(v + 1);
            if (pronoun is not null && EndsClause(v + 2, windowEnd))
            {
                return pronoun.Value.Found;
            }

            var right = pronoun is null ? PersonStartingNear(v + 1, windowEnd) : null;
            if (right is not null)
            {
                return right;
            }
        }

        // "…, saying", "X accused … and warned": the subject is the clause's first person.
        var coordinated = k >= windowStart && _tokens[k].Kind == TokenKind.Word
            && (Words.Is(_tokens[k].Span(_text), "and") || Words.Is(_tokens[k].Span(_text), "but"));
        if (SpeechVerbs.IsParticiple(verb) || coordinated || (k >= windowStart && _text[_tokens[k].Start] == ','))
        {
            for (var m = windowStart; m < v; m++)
            {
                if (_byStart.TryGetValue(_tokens[m].Start, out var mention))
                {
                    return mention.Name;
                }

                var pronoun = PronounAt(m);
                if (pronoun is not null)
                {
                    return pronoun.Value.Found;
                }
            }
        }

        return null;
    }

    /// <summary>The last token of the verb's subject, reading left over adverbs and auxiliaries ("also said", "has
    /// repeatedly said") and an infinitive's verbs ("went on to say", "declined to tell").</summary>
    private int SubjectEnd(int v, int windowStart)
    {
        var k = v - 1;
        var skipped = 0;
        while (k >= windowStart && skipped < 3 && _tokens[k].Kind == TokenKind.Word && SkippableBeforeVerb.Contains(_tokens[k].Text(_text)))
        {
            k--;
            skipped++;
        }

        if (k >= windowStart && _tokens[k].Kind == TokenKind.Word && Words.Is(_tokens[k].Span(_text), "to"))
        {
            var j = k - 1;
            for (var n = 0; n < 3 && j >= windowStart; n++, j--)
            {
                var t = _tokens[j];
                var w = t.Span(_text);
                var particle = Words.Is(w, "on") || Words.Is(w, "up") || Words.Is(w, "out");
                if (t.Kind != TokenKind.Word || char.IsUpper(w[0]) || (IsClauseWord(w) && !particle) || PronounAt(j, resolve: false) is not null)
                {
                    break;
                }

                k = j - 1;
            }

            while (k >= windowStart && _tokens[k].Kind == TokenKind.Word && SkippableBeforeVerb.Contains(_tokens[k].Text(_text)))
            {
                k--;
            }
        }

        return k;
    }

    /// <summary>Whether a clause can end at token <paramref name="k"/>: punctuation, the window's end, or a
    /// preposition of time or place ("said he on Tuesday").</summary>
    private bool EndsClause(int k, int windowEnd)
    {
        if (k >= windowEnd || k >= _tokens.Count)
        {
            return true;
        }

        var t = _tokens[k];
        if (t.Kind == TokenKind.Punct)
        {
            return !Tokenizer.IsHyphen(_text[t.Start]);
        }

        var w = t.Span(_text);
        return Words.Is(w, "on") || Words.Is(w, "in") || Words.Is(w, "at") || Words.Is(w, "after") || Words.Is(w, "before")
            || Words.Is(w, "during") || Words.Is(w, "when") || Words.Is(w, "while") || Words.Is(w, "as") || Words.Is(w, "yesterday")
            || Words.Is(w, "today") || Words.Is(w, "afterwards") || Words.Is(w, "later");
    }

    private string? LeftSubject(int k, int windowStart)
    {
        var pronoun = PronounAt(k);
        if (pronoun is not null)
        {
            return pronoun.Value.Found;
        }

        if (MentionEndingAt(k) is { } direct)
        {
            return direct;
        }

        var t = _tokens[k];
        var isWho = t.Kind == TokenKind.Word && Words.Is(t.Span(_text), "who");
        if (isWho)
        {
            k--;
            if (k >= windowStart && MentionEndingAt(k) is { } beforeWho)
            {
                return beforeWho;
            }
        }

        if (k >= windowStart && _tokens[k].Kind == TokenKind.Punct && _text[_tokens[k].Start] == ',')
        {
            // "…," the victim's mother, Sarah Collins, told reporters: the name closes the appositive.
            if (k - 1 >= windowStart && MentionEndingAt(k - 1) is { } named)
            {
                return named;
            }

            // An appositive: back to the comma that opens it, then the name before that.
            if (isWho && k - 1 >= windowStart && MentionEndingAt(k - 1) is { } beforeComma)
            {
                return beforeComma;
            }

            var limit = Math.Max(windowStart, k - 30);
            for (var j = k - 1; j >= limit; j--)
            {
                if (_tokens[j].Kind == TokenKind.Punct && _text[_tokens[j].Start] == ',')
                {
                    return j - 1 >= windowStart ? MentionEndingAt(j - 1) : null;
                }

                if (IsQuoteMark(j))
                {
                    return null;
                }
            }
        }

        return null;
    }

    private string? MentionEndingAt(int k)
    {
        var t = _tokens[k];
        if (_byEnd.TryGetValue(t.End, out var m))
        {
            return m.Name;
        }

        // "Putin's" ends after the mention's end.
        var stripped = Words.StripPossessive(t.Span(_text));
        return stripped.Length != t.Length && _byEnd.TryGetValue(t.Start + stripped.Length, out m) ? m.Name : null;
    }

    private string? PersonStartingNear(int k, int windowEnd)
    {
        var limit = Math.Min(windowEnd, k + 8);
        for (var j = k; j < limit; j++)
        {
            if (_byStart.TryGetValue(_tokens[j].Start, out var m))
            {
                var next = FirstTokenAfter(m.End - 1);
                return IsAuxiliary(next) ? null : m.Name;
            }

            var t = _tokens[j];
            var w = t.Span(_text);
            var skippable = t.Kind == TokenKind.Word
                ? Words.Is(w, "the") || Words.Is(w, "a") || Words.Is(w, "an") || Words.Is(w, "of") || TitleLexicon.IsTitleWord(w)
                    || (Words.IsCapitalized(w) && !Stopwords.Contains(w))
                : Tokenizer.IsHyphen(_text[t.Start]) || _text[t.Start] == ',';
            if (!skippable)
            {
                return null;
            }
        }

        return null;
    }

    // "said Biden had lied": a verb right after the name makes it the subject of what was said.
    private bool IsAuxiliary(int k)
    {
        if (k >= _tokens.Count || _tokens[k].Kind != TokenKind.Word)
        {
            return false;
        }

        var w = _tokens[k].Span(_text);
        return Words.Is(w, "had") || Words.Is(w, "has") || Words.Is(w, "have") || Words.Is(w, "was") || Words.Is(w, "were")
            || Words.Is(w, "is") || Words.Is(w, "are") || Words.Is(w, "would") || Words.Is(w, "will") || Words.Is(w, "could")
            || Words.Is(w, "should") || Words.Is(w, "may") || Words.Is(w, "might") || Words.Is(w, "can") || Words.Is(w, "did")
            || Words.Is(w, "does") || Words.Is(w, "must");
    }

    /// <summary>When token <paramref name="k"/> is "he" or "she": the person it refers to (possibly null).</summary>
    private (string? Found, bool Dummy)? PronounAt(int k, bool resolve = true)
    {
        var t = _tokens[k];
        if (t.Kind != TokenKind.Word)
        {
            return null;
        }

        var w = t.Span(_text);
        Gender wanted;
        if (Words.Is(w, "he"))
        {
            wanted = Gender.Male;
        }
        else if (Words.Is(w, "she"))
        {
            wanted = Gender.Female;
        }
        else
        {
            return null;
        }

        return resolve ? (ResolvePronoun(t.Start, wanted), false) : (null, false);
    }

    /// <summary>The most recent person mentioned before <paramref name="position"/> whose gender matches
    /// <paramref name="wanted"/>; a person of unknown gender when no match is found. When the most recent speaker is a
    /// person the text has not named ("One BOP staffer ... said"), that person: null, with <see cref="_unnamed"/> set.</summary>
    private string? ResolvePronoun(int position, Gender wanted)
    {
        var salient = SalientPerson(position, wanted, int.MaxValue);
        var unnamed = LastUnnamedSpeaker(position);
        if (unnamed.Verb >= 0 && (salient is null || _tokens[unnamed.Verb].Start > salient.Value.End))
        {
            _unnamed = unnamed.Description;
            return null;
        }

        if (salient is not null)
        {
            return salient.Value.Name;
        }

        var last = LastMentionBefore(position);
        string? unknown = null;
        for (var i = last; i >= 0 && last - i < PronounReach; i--)
        {
            if (IsQuoted(_mentions[i].Start))
            {
                continue;
            }

            var name = _mentions[i].Name;
            var g = _genders.GetValueOrDefault(name);
            if (g == wanted)
            {
                return name;
            }

            if (g == Gender.Unknown)
            {
                unknown ??= name;
            }
        }

        return unknown;
    }

    private const int DescriptionPassages = 4;

    /// <summary>The person the recent sentences are about: the subject of a verb of saying, or the first name of a
    /// sentence, before a nearer person named as an object ("... talks with Prime Minister X. "…," he said"); of
    /// gender <paramref name="wanted"/> or unknown (any gender when <paramref name="wanted"/> is unknown), at most
    /// <paramref name="passages"/> passages back.</summary>
    private (string Name, int End)? SalientPerson(int position, Gender wanted, int passages)
    {
        var last = LastMentionBefore(position);
        var here = PassageAt(position);
        for (var i = last; i >= 0 && last - i < SalienceReach && position - _mentions[i].End < SalienceDistance; i--)
        {
            var m = _mentions[i];
            if (here - m.PassageIndex > passages)
            {
                break;
            }

            var g = _genders.GetValueOrDefault(m.Name);
            if ((wanted == Gender.Unknown || g == wanted || g == Gender.Unknown) && !IsQuoted(m.Start) && IsSalient(m))
            {
                return (m.Name, m.End);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="position"/> lies inside a quotation.</summary>
    private bool IsQuoted(int position)
    {
        int lo = 0, hi = _quoted.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_quoted[mid].Start <= position)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && position <= _quoted[found].End;
    }

    /// <summary>The index of the passage that holds <paramref name="position"/>.</summary>
    public int PassageAt(int position)
    {
        var k = LastTokenBefore(position + 1);
        return k >= 0 ? _tokenPassage[k] : 0;
    }

    /// <summary>The nearest verb of saying before <paramref name="position"/> whose subject is a person the text does
    /// not name ("One BOP staffer who asked to remain anonymous said", "Cameron's official spokesman would only say",
    /// "said a club spokesman"), with that subject as printed; (-1, null) when a named person or nobody spoke last.
    /// Pronoun subjects are passed over: they continue whoever spoke before.</summary>
    private (int Verb, string? Description) LastUnnamedSpeaker(int position)
    {
        var k = LastTokenBefore(position);
        var limit = Math.Max(0, k - 200);
        for (; k >= limit && position - _tokens[k].End < SalienceDistance; k--)
        {
            if (!IsVerbAt(k) || SpeechVerbs.IsParticiple(_tokens[k].Span(_text)) || Words.Is(_tokens[k].Span(_text), "according"))
            {
                continue;
            }

            var subject = SubjectPhrase(k);
            if (subject is null)
            {
                continue;
            }

            var (first, lastToken) = subject.Value;
            if (PronounAt(lastToken, resolve: false) is not null)
            {
                continue;
            }

            var determiner = _tokens[first].Span(_text);
            var possessive = Words.StripPossessive(determiner).Length != determiner.Length;
            if (MentionEndingAt(lastToken) is not null || (_byStart.ContainsKey(_tokens[first].Start) && !possessive))
            {
                return (-1, null);
            }

            var head = Words.StripPossessive(_tokens[lastToken].Span(_text));
            var introduced = IsDeterminer(determiner) || possessive;
            if (introduced && PersonNouns.IsPersonNoun(head) && !head.EndsWith("s", StringComparison.Ordinal))
            {
                var description = _text[_tokens[first].Start.._tokens[lastToken].End];
                if (Words.Is(determiner, "the") && ResolveDescription(description, _tokens[first].Start) is not null)
                {
                    // "the 28-year-old said": a named person under a description.
                    return (-1, null);
                }

                return (k, description);
            }

            if (introduced || Words.IsCapitalized(determiner))
            {
                // An organisation or a group spoke last ("the ministry said", "officials said"): no person.
                return (-1, null);
            }
        }

        return (-1, null);
    }

    /// <summary>The noun phrase that is the subject of the verb at <paramref name="v"/>, as a token range: read left
    /// over adverbs and a relative clause ("One BOP staffer who asked to remain anonymous said"), or right of an
    /// inverted verb ("said a club spokesman").</summary>
    private (int First, int Last)? SubjectPhrase(int v)
    {
        var start = SentenceStart(v, _tokenParagraph[v]);
        var k = SubjectEnd(v, start);
        for (var j = k; j >= start && k - j < 8; j--)
        {
            var t = _tokens[j];
            if (t.Kind == TokenKind.Punct && !Tokenizer.IsHyphen(_text[t.Start]))
            {
                break;
            }

            if (t.Kind == TokenKind.Word && Words.Is(t.Span(_text), "who"))
            {
                k = j - 1;
                break;
            }
        }

        if (k >= start && (_tokens[k].Kind == TokenKind.Word || Tokenizer.IsHyphen(_text[_tokens[k].Start])))
        {
            var first = k;
            for (var j = k; j >= start && k - j < MaxDescriptionWords; j--)
            {
                var t = _tokens[j];
                if (t.Kind == TokenKind.Punct ? !Tokenizer.IsHyphen(_text[t.Start]) : IsClauseWord(t.Span(_text)))
                {
                    break;
                }

                first = j;
            }

            return _tokens[first].Kind == TokenKind.Word ? (first, k) : null;
        }

        // "…," said Leclerc; "…," said director Kate Allen.
        for (var j = v + 1; j < _tokens.Count && j - v <= 5 && _tokens[j].Kind == TokenKind.Word; j++)
        {
            if (_byStart.ContainsKey(_tokens[j].Start))
            {
                return (j, j);
            }
        }

        // "said a club spokesman", "…," said the strategist.
        if (v + 2 < _tokens.Count && _tokens[v + 1].Kind == TokenKind.Word && IsDeterminer(_tokens[v + 1].Span(_text)))
        {
            var last = v + 1;
            for (var j = v + 2; j < _tokens.Count && j - v <= MaxDescriptionWords; j++)
            {
                var t = _tokens[j];
                if (t.Kind == TokenKind.Punct && !Tokenizer.IsHyphen(_text[t.Start]))
                {
                    break;
                }

                if (t.Kind == TokenKind.Word && IsClauseWord(t.Span(_text)))
                {
                    break;
                }

                last = j;
            }

            return (v + 1, last);
        }

        return null;
    }

    /// <summary>The speaker of a quotation that opens a sentence with no verb of saying near it: the person the
    /// last two passages are about (null when none, or when that is a person the text does not name).</summary>
    public (string? Speaker, string? Description) ImplicitSpeaker(int position)
    {
        _unnamed = null;
        var salient = SalientPerson(position, Gender.Unknown, ImplicitPassages);
        var unnamed = LastUnnamedSpeaker(position);
        if (unnamed.Verb >= 0 && PassageAt(position) - _tokenPassage[unnamed.Verb] <= ImplicitPassages
            && (salient is null || _tokens[unnamed.Verb].Start > salient.Value.End))
        {
            return (null, unnamed.Description);
        }

        return (salient?.Name, null);
    }

    /// <summary>The person named most recently before <paramref name="position"/> as the subject of a sentence or of a
    /// verb of saying, and where that mention ends; null when none.</summary>
    public (string Name, int End)? SalientBefore(int position, int passages) => SalientPerson(position, Gender.Unknown, passages);

    /// <summary>Whether a mention is the subject of a verb of saying or opens its sentence.</summary>
    private bool IsSalient(PersonMention mention)
    {
        // "Cameron's official spokesman said": the owner is not the subject.
        if (mention.End + 1 < _text.Length && Tokenizer.IsApostrophe(_text[mention.End]) && _text[mention.End + 1] is 's' or 'S')
        {
            return false;
        }

        var k = FirstTokenAfter(mention.End - 1);
        for (var n = 0; k < _tokens.Count && n < 3; k++, n++)
        {
            var t = _tokens[k];
            if (t.Kind == TokenKind.Word && SpeechVerbs.IsSpeechVerb(t.Span(_text)) && !SpeechVerbs.IsParticiple(t.Span(_text)))
            {
                return true;
            }

            if (t.Kind != TokenKind.Word || !SkippableBeforeVerb.Contains(t.Text(_text)))
            {
                if (t.Kind != TokenKind.Punct || _text[t.Start] != ',')
                {
                    break;
                }
            }
        }

        var before = LastTokenBefore(mention.Start);
        if (before >= 0 && IsVerbAt(before) && Words.Is(_tokens[before].Span(_text), "said"))
        {
            return true;
        }

        // Opens its sentence: at most a short title before it ("President Musharraf repeated...").
        if ((mention.PassageIndex < _passageStarts.Count && before < 0) || (mention.PassageIndex < _passageStarts.Count
            && TokensBetweenAtMost(_passageStarts[mention.PassageIndex], mention.Start, 3)))
        {
            return true;
        }

        // The subject of its sentence's main clause: the sentence's first person, right before a verb and not after a
        // preposition ("After progressing to the shootout, Piastri did not have the pace").
        var previous = LastMentionBefore(mention.Start);
        if (previous >= 0 && _mentions[previous].PassageIndex == mention.PassageIndex)
        {
            return false;
        }

        var next = FirstTokenAfter(mention.End - 1);
        if (next >= _tokens.Count || _tokens[next].Kind != TokenKind.Word || char.IsUpper(_text[_tokens[next].Start])
            || IsNotVerbAfterName(_tokens[next].Span(_text)))
        {
            return false;
        }

        var first = FirstTokenAfter(mention.Start - 1);
        var prior = first - 1;
        return prior < 0 || _tokens[prior].Kind != TokenKind.Word || !IsPreposition(_tokens[prior].Span(_text));
    }

    private static bool IsNotVerbAfterName(ReadOnlySpan<char> w) =>
        IsPreposition(w) || Words.Is(w, "and") || Words.Is(w, "or") || Words.Is(w, "as") || Words.Is(w, "who") || Words.Is(w, "whose")
        || Words.Is(w, "which") || Words.Is(w, "that") || Words.Is(w, "than") || Words.Is(w, "but");

    private static bool IsPreposition(ReadOnlySpan<char> w) =>
        Words.Is(w, "of") || Words.Is(w, "for") || Words.Is(w, "to") || Words.Is(w, "with") || Words.Is(w, "by") || Words.Is(w, "from")
        || Words.Is(w, "against") || Words.Is(w, "in") || Words.Is(w, "on") || Words.Is(w, "at") || Words.Is(w, "about")
        || Words.Is(w, "behind") || Words.Is(w, "beat") || Words.Is(w, "like") || Words.Is(w, "between") || Words.Is(w, "over");

    /// <summary>Whether at most <paramref name="limit"/> tokens start in [<paramref name="from"/>, <paramref name="to"/>);
    /// counts no further than the limit, so a mention deep in a huge passage costs no more than one near its start.</summary>
    private bool TokensBetweenAtMost(int from, int to, int limit)
    {
        var first = FirstTokenAfter(from - 1);
        var k = first + limit;
        return k >= _tokens.Count || _tokens[k].Start >= to;
    }

    /// <summary>The index of the last mention that ends at or before <paramref name="position"/>, or -1.</summary>
    private int LastMentionBefore(int position)
    {
        int lo = 0, hi = _mentions.Count - 1, last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_mentions[mid].End <= position)
            {
                last = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return last;
    }

    private bool IsQuoteMark(int k)
    {
        var t = _tokens[k];
        return t.Kind == TokenKind.Punct && _text[t.Start] is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB';
    }

    private int WindowEnd(int after, int paragraph)
    {
        var end = after;
        while (end < _tokens.Count && end - after < AfterReach && _tokenParagraph[end] == paragraph)
        {
            var t = _tokens[end];
            if (t.Kind == TokenKind.Punct && _text[t.Start] is '.' or '!' or '?' && !IsAbbreviationBefore(end))
            {
                break;
            }

            end++;
        }

        return end;
    }

    private int SentenceStart(int before, int paragraph)
    {
        var k = before;
        while (k > 0 && before - k < BeforeReach && _tokenParagraph[k - 1] == paragraph)
        {
            var t = _tokens[k - 1];
            if (t.Kind == TokenKind.Punct && _text[t.Start] is '.' or '!' or '?' && !IsAbbreviationBefore(k - 1))
            {
                break;
            }

            k--;
        }

        return k;
    }

    private bool IsSentenceEnd(int k)
    {
        var t = _tokens[k];
        return t.Kind == TokenKind.Punct && _text[t.Start] is '.' or '!' or '?' or '\u2026' && !IsAbbreviationBefore(k);
    }

    // "Mr." "Ms." "R." are not sentence ends.
    private bool IsAbbreviationBefore(int dot)
    {
        if (dot == 0)
        {
            return false;
        }

        var prev = _tokens[dot - 1];
        if (prev.Kind != TokenKind.Word || prev.End != _tokens[dot].Start)
        {
            return false;
        }

        var w = prev.Span(_text);
        return (w.Length == 1 && char.IsUpper(w[0])) || NameLexicon.Honorific(w) is not null || Words.Is(w, "St") || Words.Is(w, "Gen")
            || Words.Is(w, "Sen") || Words.Is(w, "Rep") || Words.Is(w, "Gov") || Words.Is(w, "Lt") || Words.Is(w, "Col");
    }

    private int FirstTokenAfter(int position)
    {
        int lo = 0, hi = _tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_tokens[mid].Start > position)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    private int LastTokenBefore(int position) => FirstTokenAfter(position - 1) - 1;
}
