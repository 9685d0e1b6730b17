namespace ClaimCompare.Core.Text;

/// <summary>What the boilerplate rules did to one line: removed it, or moved where its kept content starts or ends.</summary>
internal record struct LineMod(int Start, int End, bool Removed, int ContentStart, int ContentEnd)
{
    public readonly bool IsEmpty => Removed || ContentStart >= ContentEnd;

    public readonly bool IsWhole => !Removed && ContentStart == Start && ContentEnd == End;
}

/// <summary>
/// The boilerplate rules of <see cref="BoilerplateFilter"/> applied line by line, in document order, for a document read a
/// window at a time (<see cref="WindowedPipeline"/>): the same removals, the same changes to lines and the same date.
/// </summary>
/// <remarks>
/// <para>The whole-document filter runs each rule over all lines before the next rule; every rule but the trailing ones
/// only looks at a line and the lines before it, so running them all on each line in turn gives the same result. The
/// trailing byline and contributor note look at the last two lines that are not empty, and run at the end on what was
/// kept of them.</para>
/// <para>A line longer than the window (a "giant" line) is seen twice: its head (the first characters, where the dateline
/// rules look; no whole-line rule applies to a line that long) and its tail (the last <see cref="TailLength"/> characters,
/// where a glued photo credit or a contributor note can be: both patterns end at the end of the line and are bounded).</para>
/// </remarks>
internal sealed class WindowedRules
{
    /// <summary>Characters kept of the end of a line for the rules anchored at its end (every such match is shorter).</summary>
    public const int TailLength = 512;

    /// <summary>Characters of a giant line's start that the rules look at (every rule on a line's start is shorter).</summary>
    public const int HeadLength = 1024;

    private const int LeadingBylineSearchDepth = 5;

    private readonly TextPipelineOptions _options;
    private readonly List<Removal> _removals = [];
    private readonly List<LineMod> _mods = [];
    private readonly Snapshot[] _last = [new(), new()];

    private bool _blockActive;
    private int _blockStart;
    private int _blockEnd;
    private int _bylineSeen;
    private bool _bylineDone;
    private bool _datelineActive;
    private int _bodyLines;
    private DateOnly? _datelineFound;
    private DateOnly? _date;
    private LineMod _giant;

    public WindowedRules(TextPipelineOptions options)
    {
        _options = options;
        _datelineActive = true;
    }

    /// <summary>The removals, in order of position (after <see cref="Finish"/>).</summary>
    public List<Removal> Removals => _removals;

    /// <summary>The lines the rules changed, in order (after <see cref="Finish"/>).</summary>
    public List<LineMod> Mods => _mods;

    /// <summary>The date a dateline gave (after <see cref="Finish"/>).</summary>
    public DateOnly? Date => _date;

    /// <summary>A whole line, [<paramref name="start"/>, <paramref name="end"/>) of the normalised text, held in
    /// <paramref name="window"/> from offset <paramref name="windowBase"/>.</summary>
    public void Line(int start, int end, ReadOnlySpan<char> window, int windowBase)
    {
        var line = new LineMod(start, end, false, start, end);
        var content = window[(start - windowBase)..(end - windowBase)];
        if (_blockActive)
        {
            if (end - start <= BoilerplateRules.MaxMoreStoriesHeadlineLength)
            {
                line.Removed = true;
                _blockEnd = end;
                Record(line);
                return;
            }

            CloseBlock();
        }

        if (BoilerplateRules.IsMoreStoriesMarker(content))
        {
            line.Removed = true;
            _blockActive = true;
            _blockStart = start;
            _blockEnd = end;
            Record(line);
            return;
        }

        foreach (var rule in BoilerplateRules.WholeLineRules)
        {
            if (rule.Matches(content))
            {
                line.Removed = true;
                _removals.Add(new Removal(start, end, rule.Reason));
                Record(line);
                return;
            }
        }

        if (!_bylineDone && _bylineSeen < LeadingBylineSearchDepth)
        {
            _bylineSeen++;
            if (BoilerplateRules.IsLeadingByline(content))
            {
                _bylineDone = true;
                line.Removed = true;
                _removals.Add(new Removal(start, end, BoilerplateReasons.Byline));
                Record(line);
                return;
            }
        }

        TrimCredit(ref line, content, start);
        if (_datelineActive)
        {
            Dateline(ref line, window[(line.ContentStart - windowBase)..(line.ContentEnd - windowBase)], isGiant: false);
        }

        Finished(line, window, windowBase);
    }

    /// <summary>The start of a line longer than the window: <paramref name="head"/> holds at least
    /// <see cref="HeadLength"/> of its first characters.</summary>
    public void GiantHead(int start, ReadOnlySpan<char> head)
    {
        if (_blockActive)
        {
            CloseBlock();
        }

        if (!_bylineDone && _bylineSeen < LeadingBylineSearchDepth)
        {
            // Longer than any byline: it only counts as seen.
            _bylineSeen++;
        }

        _giant = new LineMod(start, int.MaxValue, false, start, int.MaxValue);
        if (_datelineActive)
        {
            Dateline(ref _giant, head, isGiant: true);
        }
    }

    /// <summary>The end of the giant line begun by <see cref="GiantHead"/>: it ends at <paramref name="end"/>, and
    /// <paramref name="window"/> (from offset <paramref name="windowBase"/>) holds at least its last <see cref="TailLength"/>
    /// characters.</summary>
    public void GiantEnd(int end, ReadOnlySpan<char> window, int windowBase)
    {
        var line = _giant with { End = end, ContentEnd = end };
        var tailStart = Math.Max(line.ContentStart, end - TailLength);
        TrimCredit(ref line, window[(tailStart - windowBase)..(end - windowBase)], tailStart);
        Finished(line, window, windowBase);
    }

    /// <summary>Closes an open "More Stories" block and applies the trailing rules.</summary>
    public void Finish()
    {
        if (_blockActive)
        {
            CloseBlock();
        }

        if (_datelineActive)
        {
            _date = _datelineFound;
        }

        // The trailing byline: the last line, only a name, after a finished sentence.
        ref var last = ref _last[1];
        ref var previous = ref _last[0];
        if (last.Exists && previous.Exists && last.Line.IsWhole && BoilerplateRules.IsTrailingByline(last.Content)
            && LineShape.EndsSentence(previous.Content))
        {
            last.Line.Removed = true;
            _removals.Add(new Removal(last.Line.Start, last.Line.End, BoilerplateReasons.Byline));
            Update(last.Line);
        }

        ref var target = ref last.Exists && !last.Line.Removed ? ref last : ref previous;
        if (target.Exists)
        {
            var at = BoilerplateRules.FindTrailingContributorNote(target.Content);
            if (at >= 0)
            {
                var noteStart = target.ContentOffset + at;
                _removals.Add(new Removal(noteStart, target.Line.ContentEnd, BoilerplateReasons.ContributorLine));
                var content = target.Content;
                var keep = at;
                while (keep > 0 && content[keep - 1] == ' ' && target.ContentOffset + keep > target.Line.ContentStart)
                {
                    keep--;
                }

                target.Line.ContentEnd = target.ContentOffset + keep;
                Update(target.Line);
            }
        }

        // Stable: a credit and a dateline of one line are found end first.
        var ordered = _removals.Select((r, i) => (r, i)).OrderBy(x => x.r.Start).ThenBy(x => x.i).Select(x => x.r).ToList();
        _removals.Clear();
        _removals.AddRange(ordered);
    }

    private void CloseBlock()
    {
        _blockActive = false;
        _removals.Add(new Removal(_blockStart, _blockEnd, BoilerplateReasons.MoreStories));
    }

    private void TrimCredit(ref LineMod line, ReadOnlySpan<char> content, int contentOffset)
    {
        var at = BoilerplateRules.FindTrailingCredit(content);
        if (at < 0)
        {
            return;
        }

        var creditStart = contentOffset + at;
        _removals.Add(new Removal(creditStart, line.ContentEnd, BoilerplateReasons.PhotoCredit));
        var keep = at;
        while (contentOffset + keep > line.ContentStart && keep > 0 && content[keep - 1] == ' ')
        {
            keep--;
        }

        line.ContentEnd = contentOffset + keep;
    }

    private void Dateline(ref LineMod line, ReadOnlySpan<char> content, bool isGiant)
    {
        if (_bodyLines >= _options.DatelineSearchDepth)
        {
            _datelineActive = false;
            _date = _datelineFound;
            return;
        }

        if (line.IsEmpty)
        {
            return;
        }

        if (!isGiant && BoilerplateRules.IsDateLine(content, out var lineDate))
        {
            line.Removed = true;
            _removals.Add(new Removal(line.ContentStart, line.ContentEnd, BoilerplateReasons.Dateline));
            _datelineFound ??= lineDate;
            return;
        }

        var prefix = BoilerplateRules.MatchDatePrefix(content, out var prefixDate);
        var rest = SentenceSplitter.SkipWhitespace(content, prefix);
        var wire = BoilerplateRules.MatchWireDateline(content[rest..]);
        if (prefix > 0 || wire > 0)
        {
            var end = wire > 0 ? rest + wire : prefix;
            _removals.Add(new Removal(line.ContentStart, line.ContentStart + end, BoilerplateReasons.Dateline));
            line.ContentStart += SentenceSplitter.SkipWhitespace(content, end);
            _datelineActive = false;
            _date = _datelineFound ?? prefixDate;
            return;
        }

        if (isGiant || !LineShape.IsHeading(content, _options.MaxHeadingLength))
        {
            _bodyLines++;
        }
    }

    private void Finished(LineMod line, ReadOnlySpan<char> window, int windowBase)
    {
        Record(line);
        if (line.IsEmpty)
        {
            return;
        }

        (_last[0], _last[1]) = (_last[1], _last[0]);
        ref var snapshot = ref _last[1];
        snapshot.Exists = true;
        snapshot.Line = line;
        var tailStart = Math.Max(line.ContentStart, line.ContentEnd - TailLength);
        snapshot.ContentOffset = tailStart;
        snapshot.Length = line.ContentEnd - tailStart;
        window[(tailStart - windowBase)..(line.ContentEnd - windowBase)].CopyTo(snapshot.Tail);
    }

    private void Record(LineMod line)
    {
        if (line.Removed || line.ContentStart != line.Start || line.ContentEnd != line.End)
        {
            _mods.Add(line);
        }
    }

    private void Update(LineMod line)
    {
        for (var i = _mods.Count - 1; i >= 0; i--)
        {
            if (_mods[i].Start == line.Start)
            {
                _mods[i] = line;
                return;
            }

            if (_mods[i].Start < line.Start)
            {
                _mods.Insert(i + 1, line);
                return;
            }
        }

        _mods.Insert(0, line);
    }

    /// <summary>One of the last two lines that kept content: what the rules left of it, and the end of its content.</summary>
    private sealed class Snapshot
    {
        public readonly char[] Tail = new char[TailLength];
        public bool Exists;
        public LineMod Line;

        /// <summary>Where <see cref="Tail"/> starts in the normalised text.</summary>
        public int ContentOffset;
        public int Length;

        /// <summary>The kept content if it is at most <see cref="TailLength"/> long, else its end.</summary>
        public ReadOnlySpan<char> Content => Tail.AsSpan(0, Length);
    }
}
