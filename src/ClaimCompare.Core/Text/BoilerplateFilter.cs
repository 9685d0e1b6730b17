namespace ClaimCompare.Core.Text;

/// <summary>Applies <see cref="BoilerplateRules"/> to the lines of one normalised document.</summary>
/// <remarks>Order matters and is fixed: whole-line rules and "More Stories" blocks first, then the
/// leading byline, glued photo credits, the dateline (searched only in the first body paragraphs, where
/// wire services put it), and last the trailing byline and contributor note, which must look at the last
/// line that survived the other rules.</remarks>
internal readonly ref struct BoilerplateFilter
{
    private const int LeadingBylineSearchDepth = 5;

    private readonly ReadOnlySpan<char> _text;
    private readonly Span<TextLine> _lines;
    private readonly TextPipelineOptions _options;

    public BoilerplateFilter(ReadOnlySpan<char> text, Span<TextLine> lines, TextPipelineOptions options)
    {
        _text = text;
        _lines = lines;
        _options = options;
    }

    public void Apply(ref PooledBuffer<Removal> removals, out DateOnly? date)
    {
        RemoveWholeLines(ref removals);
        RemoveLeadingByline(ref removals);
        RemoveTrailingCredits(ref removals);
        date = RemoveDateline(ref removals);
        RemoveTrailingByline(ref removals);
        RemoveTrailingContributorNote(ref removals);
    }

    private void RemoveWholeLines(ref PooledBuffer<Removal> removals)
    {
        var rules = BoilerplateRules.WholeLineRules;
        for (var i = 0; i < _lines.Length; i++)
        {
            ref var line = ref _lines[i];
            var content = _text[line.Start..line.End];
            if (BoilerplateRules.IsMoreStoriesMarker(content))
            {
                var last = i;
                while (last + 1 < _lines.Length && _lines[last + 1].End - _lines[last + 1].Start <= BoilerplateRules.MaxMoreStoriesHeadlineLength)
                {
                    last++;
                }

                for (var j = i; j <= last; j++)
                {
                    _lines[j].Removed = true;
                }

                removals.Add(new Removal(line.Start, _lines[last].End, BoilerplateReasons.MoreStories));
                i = last;
                continue;
            }

            foreach (var rule in rules)
            {
                if (rule.Matches(content))
                {
                    line.Removed = true;
                    removals.Add(new Removal(line.Start, line.End, rule.Reason));
                    break;
                }
            }
        }
    }

    private void RemoveLeadingByline(ref PooledBuffer<Removal> removals)
    {
        var seen = 0;
        for (var i = 0; i < _lines.Length && seen < LeadingBylineSearchDepth; i++)
        {
            ref var line = ref _lines[i];
            if (line.IsEmpty)
            {
                continue;
            }

            seen++;
            if (BoilerplateRules.IsLeadingByline(_text[line.Content]))
            {
                line.Removed = true;
                removals.Add(new Removal(line.Start, line.End, BoilerplateReasons.Byline));
                return;
            }
        }
    }

    private void RemoveTrailingCredits(ref PooledBuffer<Removal> removals)
    {
        foreach (ref var line in _lines)
        {
            if (line.IsEmpty)
            {
                continue;
            }

            var at = BoilerplateRules.FindTrailingCredit(_text[line.Content]);
            if (at < 0)
            {
                continue;
            }

            var creditStart = line.ContentStart + at;
            removals.Add(new Removal(creditStart, line.ContentEnd, BoilerplateReasons.PhotoCredit));
            line.ContentEnd = creditStart;
            while (line.ContentEnd > line.ContentStart && _text[line.ContentEnd - 1] == ' ')
            {
                line.ContentEnd--;
            }
        }
    }

    private DateOnly? RemoveDateline(ref PooledBuffer<Removal> removals)
    {
        DateOnly? found = null;
        var bodyLines = 0;
        foreach (ref var line in _lines)
        {
            if (bodyLines >= _options.DatelineSearchDepth)
            {
                break;
            }

            if (line.IsEmpty)
            {
                continue;
            }

            var content = _text[line.Content];
            if (BoilerplateRules.IsDateLine(content, out var lineDate))
            {
                // A date on a line of its own does not end the search: a wire dateline may follow.
                line.Removed = true;
                removals.Add(new Removal(line.ContentStart, line.ContentEnd, BoilerplateReasons.Dateline));
                found ??= lineDate;
                continue;
            }

            var prefix = BoilerplateRules.MatchDatePrefix(content, out var prefixDate);
            var rest = SentenceSplitter.SkipWhitespace(content, prefix);
            var wire = BoilerplateRules.MatchWireDateline(content[rest..]);
            if (prefix > 0 || wire > 0)
            {
                var end = wire > 0 ? rest + wire : prefix;
                removals.Add(new Removal(line.ContentStart, line.ContentStart + end, BoilerplateReasons.Dateline));
                line.ContentStart += SentenceSplitter.SkipWhitespace(content, end);
                return found ?? prefixDate;
            }

            if (!LineShape.IsHeading(content, _options.MaxHeadingLength))
            {
                bodyLines++;
            }
        }

        return found;
    }

    private void RemoveTrailingContributorNote(ref PooledBuffer<Removal> removals)
    {
        var last = _lines.Length - 1;
        while (last >= 0 && _lines[last].IsEmpty)
        {
            last--;
        }

        if (last < 0)
        {
            return;
        }

        ref var line = ref _lines[last];
        var at = BoilerplateRules.FindTrailingContributorNote(_text[line.Content]);
        if (at < 0)
        {
            return;
        }

        var noteStart = line.ContentStart + at;
        removals.Add(new Removal(noteStart, line.ContentEnd, BoilerplateReasons.ContributorLine));
        line.ContentEnd = noteStart;
        while (line.ContentEnd > line.ContentStart && _text[line.ContentEnd - 1] == ' ')
        {
            line.ContentEnd--;
        }
    }

    private void RemoveTrailingByline(ref PooledBuffer<Removal> removals)
    {
        var last = _lines.Length - 1;
        while (last >= 0 && _lines[last].IsEmpty)
        {
            last--;
        }

        var previous = last - 1;
        while (previous >= 0 && _lines[previous].IsEmpty)
        {
            previous--;
        }

        if (previous < 0 || !_lines[last].IsWhole)
        {
            return;
        }

        ref var line = ref _lines[last];
        // Only after a finished sentence: a name-shaped line in the middle of a story is more likely a heading.
        if (BoilerplateRules.IsTrailingByline(_text[line.Content]) && LineShape.EndsSentence(_text[_lines[previous].Content]))
        {
            line.Removed = true;
            removals.Add(new Removal(line.Start, line.End, BoilerplateReasons.Byline));
        }
    }
}
