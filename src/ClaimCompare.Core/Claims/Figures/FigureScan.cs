namespace ClaimCompare.Core.Claims.Figures;

/// <summary>One passage's tokens with the helpers every recogniser needs, and the scratch lists of a scan.</summary>
/// <remarks>One instance per thread is reused from passage to passage (<see cref="Rent"/>), so a scan allocates only
/// the figures it returns and their context lists.</remarks>
internal sealed class FigureScan
{
    [ThreadStatic]
    private static FigureScan? _cached;

    private bool[] _occupied = new bool[64];
    private bool[] _blocked = new bool[64];

    public string Text { get; private set; } = "";

    public List<Token> Tokens { get; } = new(64);

    /// <summary>Number readings proposed by the number recognisers, before resolution.</summary>
    public List<NumberReading> NumberCandidates { get; } = new(16);

    /// <summary>The resolved numbers, non-overlapping, in text order.</summary>
    public List<NumberReading> Numbers { get; } = new(16);

    /// <summary>Figure candidates proposed by the figure recognisers, before resolution.</summary>
    public List<Candidate> Candidates { get; } = new(16);

    /// <summary>The chosen candidates, non-overlapping, in text order.</summary>
    public List<Candidate> Chosen { get; } = new(16);

    public int PassageIndex { get; private set; }

    public int Count => Tokens.Count;

    /// <summary>The thread's scan, reset for <c>text[start..end)</c>.</summary>
    public static FigureScan Rent(string text, int start, int end, int passageIndex)
    {
        var scan = _cached ?? new FigureScan();
        _cached = null;
        scan.Text = text;
        scan.PassageIndex = passageIndex;
        scan.Tokens.Clear();
        Tokenizer.Tokenize(text, start, end, scan.Tokens);
        scan.NumberCandidates.Clear();
        scan.Numbers.Clear();
        scan.Candidates.Clear();
        scan.Chosen.Clear();
        if (scan._occupied.Length < scan.Tokens.Count + 1)
        {
            scan._occupied = new bool[Math.Max(scan.Tokens.Count + 1, scan._occupied.Length * 2)];
            scan._blocked = new bool[scan._occupied.Length];
        }
        else
        {
            Array.Clear(scan._blocked, 0, scan.Tokens.Count + 1);
        }

        return scan;
    }

    /// <summary>Gives the scan back for the next passage on this thread.</summary>
    public void Return()
    {
        Text = "";
        _cached = this;
    }

    /// <summary>A cleared occupancy map of one flag per token, for the resolvers.</summary>
    public bool[] Occupancy()
    {
        Array.Clear(_occupied, 0, Count + 1);
        return _occupied;
    }

    /// <summary>Marks tokens [<paramref name="first"/>, <paramref name="end"/>) as a non-figure: the other recognisers skip
    /// what starts there, since the resolver would drop it anyway.</summary>
    public void Block(int first, int end)
    {
        for (var k = Math.Max(0, first); k < end && k < Count; k++)
        {
            _blocked[k] = true;
        }
    }

    /// <summary>Whether token <paramref name="i"/> lies in a non-figure.</summary>
    public bool IsBlocked(int i) => i >= 0 && i < Count && _blocked[i];

    public ReadOnlySpan<char> Span(int i) => Tokens[i].Span(Text);

    public bool IsWord(int i) => i >= 0 && i < Count && Tokens[i].Kind == TokenKind.Word;

    public bool IsNumber(int i) => i >= 0 && i < Count && Tokens[i].Kind == TokenKind.Number;

    public bool IsPunct(int i) => i >= 0 && i < Count && Tokens[i].Kind == TokenKind.Punct;

    /// <summary>Whether token <paramref name="i"/> is the word <paramref name="word"/>, ignoring case.</summary>
    public bool Is(int i, string word) => IsWord(i) && Words.Is(Span(i), word);

    /// <summary>Whether token <paramref name="i"/> is a punctuation token holding <paramref name="c"/>.</summary>
    public bool IsChar(int i, char c) => IsPunct(i) && Text[Tokens[i].Start] == c;

    /// <summary>Whether token <paramref name="i"/> is a hyphen (not a dash).</summary>
    public bool IsHyphen(int i) => IsPunct(i) && Tokenizer.IsHyphen(Text[Tokens[i].Start]);

    /// <summary>Whether token <paramref name="i"/> is a hyphen, a dash or a minus sign.</summary>
    public bool IsDashLike(int i) => IsPunct(i) && Text[Tokens[i].Start] is var c && (Tokenizer.IsHyphen(c) || Tokenizer.IsDash(c));

    /// <summary>Whether token <paramref name="j"/> starts where token <paramref name="i"/> ends (no space between).</summary>
    public bool Glued(int i, int j) => i >= 0 && j < Count && j > i && Tokens[j].Start == Tokens[i].End;

    /// <summary>Whether token <paramref name="i"/> is followed, with no spaces, by a hyphen and a token of <paramref name="kind"/>.</summary>
    public bool HyphenJoined(int i, TokenKind kind) =>
        i >= 0 && i + 2 < Count && IsHyphen(i + 1) && Glued(i, i + 1) && Glued(i + 1, i + 2) && Tokens[i + 2].Kind == kind;

    /// <summary>Whether token <paramref name="i"/> ends a sentence or clause: a full stop, question mark or exclamation mark.</summary>
    public bool IsSentenceStart(int i)
    {
        if (i <= 0)
        {
            return true;
        }

        var prev = Tokens[i - 1];
        return prev.Kind == TokenKind.Punct && Text[prev.Start] is '.' or '!' or '?' or '"' or '\u201C' or ':' or '(' or '\u2018' or '\'';
    }

    /// <summary>The index in <see cref="Numbers"/> of the number starting at token <paramref name="token"/>, or -1.</summary>
    public int NumberAt(int token)
    {
        for (var k = 0; k < Numbers.Count; k++)
        {
            if (Numbers[k].First == token)
            {
                return k;
            }
        }

        return -1;
    }

    public string TextOf(int first, int end) => Text[Tokens[first].Start..Tokens[end - 1].End];
}
