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
    private const int SalienceDistance = 600;

    private static readonly HashSet<string> SkippableBeforeVerb = new(StringComparer.OrdinalIgnoreCase)
    {
        "also", "later", "then", "has", "have", "had", "was", "is", "would", "will", "further", "again", "previously",
        "earlier", "repeatedly", "once", "recently", "did", "had", "reportedly", "had", "flatly", "simply", "publicly",
        "privately", "quickly", "firmly", "angrily", "bluntly", "told", "separately",
    };

    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private readonly List<int> _tokenParagraph = [];
    private readonly List<PersonMention> _mentions;
    private readonly Dictionary<int, PersonMention> _byStart = [];
    private readonly Dictionary<int, PersonMention> _byEnd = [];
    private readonly Dictionary<string, Gender> _genders = new(StringComparer.Ordinal);
    private readonly List<int> _passageStarts = [];

    public AttributionContext(string text, IReadOnlyList<Passage> passages, IReadOnlyList<PersonMention> mentions)
    {
        _text = text;
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
        if (quote.CloseMark >= 0)
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
        if (before >= 0 && _tokenParagraph[before] == quote.Paragraph)
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

                description ??= Describe(v, start, before + 1);
            }

            if (found)
            {
                return Named((true, null, description), quote.OpenMark);
            }
        }

        return (false, null, null);
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

        var k = v - 1;
        var skipped = 0;
        while (k >= windowStart && skipped < 3 && _tokens[k].Kind == TokenKind.Word && SkippableBeforeVerb.Contains(_tokens[k].Text(_text)))
        {
            k--;
            skipped++;
        }

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

    /// <summary>"the President", "the Queen", "the minister": the most recent person whose title has that head word.</summary>
    private string? ResolveDescription(string description, int position)
    {
        var words = description.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 4 || !Words.Is(words[0], "the"))
        {
            return null;
        }

        var head = Words.StripPossessive(words[^1]);
        if (!TitleLexicon.IsTitleWord(head))
        {
            return null;
        }

        var last = LastMentionBefore(position);
        for (var i = last; i >= 0 && last - i < PronounReach; i--)
        {
            var m = _mentions[i];
            if ((m.RoleText ?? m.Role) is { } role && role.Contains(head, StringComparison.OrdinalIgnoreCase))
            {
                return m.Name;
            }
        }

        return null;
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
        var k = v - 1;
        var skipped = 0;
        while (k >= windowStart && skipped < 3 && _tokens[k].Kind == TokenKind.Word && SkippableBeforeVerb.Contains(_tokens[k].Text(_text)))
        {
            k--;
            skipped++;
        }

        if (k >= windowStart)
        {
            var left = LeftSubject(k, windowStart);
            if (left is not null)
            {
                return left;
            }
        }

        // Right: "said Stoltenberg", "said he", "said NATO Secretary-General Jens Stoltenberg".
        if (v + 1 < windowEnd && !SpeechVerbs.IsParticiple(verb))
        {
            var pronoun = PronounAt(v + 1);
            if (pronoun is not null)
            {
                return pronoun.Value.Found;
            }

            var right = PersonStartingNear(v + 1, windowEnd);
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
                return m.Name;
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

    /// <summary>When token <paramref name="k"/> is "he" or "she": the person it refers to (possibly null).</summary>
    private (string? Found, bool Dummy)? PronounAt(int k)
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

        return (ResolvePronoun(t.Start, wanted), false);
    }

    /// <summary>The most recent person mentioned before <paramref name="position"/> whose gender matches
    /// <paramref name="wanted"/>; a person of unknown gender when no match is found.</summary>
    private string? ResolvePronoun(int position, Gender wanted)
    {
        var last = LastMentionBefore(position);

        // The person the recent sentences are about: the subject of a verb of saying, or the first name of a sentence,
        // is the antecedent before a nearer person named as an object ("... talks with Prime Minister X. "…," he said").
        for (var i = last; i >= 0 && last - i < SalienceReach && position - _mentions[i].End < SalienceDistance; i--)
        {
            var name = _mentions[i].Name;
            var g = _genders.GetValueOrDefault(name);
            if ((g == wanted || g == Gender.Unknown) && IsSalient(_mentions[i]))
            {
                return name;
            }
        }

        string? unknown = null;
        for (var i = last; i >= 0 && last - i < PronounReach; i--)
        {
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

    /// <summary>Whether a mention is the subject of a verb of saying or opens its sentence.</summary>
    private bool IsSalient(PersonMention mention)
    {
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
        return mention.PassageIndex < _passageStarts.Count && before < 0 || (mention.PassageIndex < _passageStarts.Count
            && WordsBetween(_passageStarts[mention.PassageIndex], mention.Start) <= 3);
    }

    private int WordsBetween(int from, int to)
    {
        var n = 0;
        for (var k = FirstTokenAfter(from - 1); k < _tokens.Count && _tokens[k].Start < to; k++)
        {
            n++;
        }

        return n;
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
