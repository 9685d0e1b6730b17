using System.Text;
using ClaimCompare.Core.Text;
using FuzzySharp;

namespace ClaimCompare.Core.Claims;

/// <summary>Finds the people a document names, with the titles or appositives it gives them, and merges the
/// variants of one person ("Wendy R. Sherman", "Ms Sherman", "Sherman") into one canonical name.</summary>
/// <remarks>
/// <para>A capitalised run of words is a person when a title precedes it ("Kremlin spokesman Dmitry Peskov"),
/// an honorific does ("Ms. Sherman"), it has a middle initial or starts with a known first name
/// ("Wendy R. Sherman", "Vladimir Putin"), or an appositive with a title follows it. A lone surname is a
/// person only once the document has named that person in full: "Sherman" after "Wendy Sherman".
/// Places and organisations ("NATO", "Brussels", "Kremlin", "White House") are never people.</para>
/// <para>Canonical names drop honorifics and middle initials; first names of one surname merge when equal,
/// when one is an initial of the other, or when FuzzySharp's ratio is at least 70 with the same first letter
/// ("Aleksandr"/"Alexander").</para>
/// </remarks>
public static class PersonRoleExtractor
{
    private const int MaxSameSurname = 16;

    /// <summary>Extracts the person mentions of <paramref name="document"/>, in text order.</summary>
    /// <param name="document">A processed document.</param>
    /// <returns>The mentions with canonical names; never throws on odd text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public static IReadOnlyList<PersonMention> Extract(ProcessedDocument document) => ExtractWithGenders(document).Mentions;

    internal static (List<PersonMention> Mentions, Dictionary<string, Gender> Genders) ExtractWithGenders(ProcessedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.OriginalText;
        var candidates = new List<Candidate>();
        var weak = new List<Candidate>();
        var passageTokens = new List<(Passage Passage, List<Token> Tokens)>(document.Passages.Count);
        var speakingSurnames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var passage in document.Passages)
        {
            var start = Math.Clamp(passage.Start, 0, text.Length);
            var end = Math.Clamp(passage.End, start, text.Length);
            var tokens = Tokenizer.Tokenize(text, start, end);
            passageTokens.Add((passage, tokens));
            FindCandidates(text, tokens, passage.Index, candidates, weak);
            FindSpeakingWords(text, tokens, speakingSurnames);
        }

        // "Lando Norris and Oscar Piastri ..." then "Norris explained": a capitalised run whose last word speaks alone
        // elsewhere in the document is a person, whatever the first-name list says.
        foreach (var w in weak)
        {
            if (speakingSurnames.Contains(Words.Lower(w.Parts[^1].Text)))
            {
                candidates.Add(w);
            }
        }

        var people = new Dictionary<string, List<DocPerson>>(StringComparer.Ordinal);

        // Full names first, in text order, so that a surname met before the full name still merges.
        foreach (var c in candidates)
        {
            if (c.Parts.Count >= 2 && !c.SurnameOnly)
            {
                Attach(c, people);
            }
        }

        foreach (var c in candidates)
        {
            if (c.Parts.Count < 2 || c.SurnameOnly)
            {
                Attach(c, people);
            }
        }

        CompleteNames(text, passageTokens, people);

        // Lone surnames of people already named in full; the best-known person wins a shared surname.
        var covered = new List<(int Start, int End)>(candidates.Count);
        foreach (var c in candidates)
        {
            covered.Add((c.Start, c.End));
        }

        covered.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var bySurname = new Dictionary<string, DocPerson>(StringComparer.Ordinal);
        foreach (var (key, list) in people)
        {
            DocPerson? best = null;
            foreach (var p in list)
            {
                best = best is null || p.Mentions > best.Mentions ? p : best;
            }

            bySurname[key] = best!;
        }

        foreach (var (passage, tokens) in passageTokens)
        {
            FindSurnames(text, tokens, passage.Index, bySurname, covered, candidates);
        }

        candidates.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var mentions = new List<PersonMention>(candidates.Count);
        var genders = new Dictionary<string, Gender>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            if (c.Person is null)
            {
                continue;
            }

            var name = c.Person.Canonical;
            mentions.Add(new PersonMention
            {
                Name = name,
                Surface = text[c.Start..c.End],
                Role = c.Role,
                Nationality = c.Nationality,
                RoleText = c.RoleText,
                Start = c.Start,
                End = c.End,
                PassageIndex = c.PassageIndex,
            });
            genders[name] = c.Person.Gender;
        }

        return (mentions, genders);
    }

    private static void FindCandidates(string text, List<Token> tokens, int passageIndex, List<Candidate> candidates, List<Candidate> weak)
    {
        var i = 0;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Word || !Words.IsCapitalized(t.Span(text)))
            {
                i++;
                continue;
            }

            var honorific = NameLexicon.Honorific(t.Span(text));
            if (honorific is not null)
            {
                var k = i + 1;
                if (k < tokens.Count && tokens[k].Kind == TokenKind.Punct && text[tokens[k].Start] == '.' && tokens[k].Start == t.End)
                {
                    k++;
                }

                var (partsH, endH) = ReadName(text, tokens, k, afterHonorific: true);
                if (partsH.Count > 0)
                {
                    candidates.Add(new Candidate(t.Start, NameEnd(text, tokens[endH - 1]), passageIndex, partsH, honorific.Value, SurnameOnly: partsH.Count == 1));
                    i = endH;
                    continue;
                }
            }

            var (parts, end) = ReadName(text, tokens, i);
            if (parts.Count == 0)
            {
                i++;
                continue;
            }

            // "Logan International Airport Tom Kinton": the name starts at its first name ("San Francisco Peninsula" is a place).
            for (var p = IsPlacePrefix(parts[0].Text) ? parts.Count : 1; p < parts.Count - 1; p++)
            {
                if (!parts[p].IsInitial && NameLexicon.FirstName(parts[p].Text) is not null && NameLexicon.FirstName(parts[0].Text) is null)
                {
                    var skip = 0;
                    for (var q = 0; q < p; q++)
                    {
                        skip += parts[q].IsInitial ? 2 : (parts[q].Text.AsSpan().Count('-') * 2) + 1;
                    }

                    parts.RemoveRange(0, p);
                    i += skip;
                    break;
                }
            }

            var title = ReadTitleBefore(text, tokens, i);
            var appositive = title is null ? ReadAppositive(text, tokens, end) : null;
            var hasInitial = false;
            foreach (var p in parts)
            {
                hasInitial |= p.IsInitial;
            }

            if (title is null && (IsOrganisationWord(parts[^1].Text) || IsPlacePrefix(parts[0].Text)))
            {
                // "Stanford University", "Joel Davis Park", "San Francisco": places and bodies, whatever their first word.
                i = end;
                continue;
            }

            var firstGender = NameLexicon.FirstName(parts[0].Text);
            var aged = FollowedByAge(text, tokens, end);
            var isPerson = title is not null || (parts.Count == 1 && aged)
                || (parts.Count >= 2 && (hasInitial || firstGender is not null || appositive is not null || aged || NextToSpeechVerb(text, tokens, i, end)));
            if (!isPerson || parts[^1].IsInitial)
            {
                if (parts.Count is 2 or 3 && !parts[^1].IsInitial && !IsOrganisationWord(parts[^1].Text))
                {
                    weak.Add(new Candidate(tokens[i].Start, NameEnd(text, tokens[end - 1]), passageIndex, parts, Gender.Unknown, SurnameOnly: false));
                }

                i = end;
                continue;
            }

            var role = title ?? appositive;
            var cand = new Candidate(tokens[i].Start, NameEnd(text, tokens[end - 1]), passageIndex, parts, firstGender ?? Gender.Unknown, SurnameOnly: false);
            if (role is not null)
            {
                cand.RoleText = role.Value.Text;
                (cand.Role, cand.Nationality) = NormalizeRole(role.Value.Text);
            }

            candidates.Add(cand);
            i = end;
        }
    }

    // "Thibaut Bruttin said", "said Eliud Kipchoge", "Franco Colapinto believes", "Cayden Wilson, who": two capitalised
    // words next to a verb of saying or thinking, or before a relative "who", are a name.
    private static bool NextToSpeechVerb(string text, List<Token> tokens, int start, int end)
    {
        var after = end < tokens.Count && tokens[end].Kind == TokenKind.Word && IsPersonVerb(tokens[end].Span(text))
            || IsFollowedByWho(text, tokens, end);
        var before = start > 0 && tokens[start - 1].Kind == TokenKind.Word
            && (Words.Is(tokens[start - 1].Span(text), "said") || Words.Is(tokens[start - 1].Span(text), "says"));
        return after || before;
    }

    // "Mario Mouamer, 47,", "Abdikarim, nine,": an age in commas after a name.
    private static bool FollowedByAge(string text, List<Token> tokens, int end)
    {
        if (end + 2 >= tokens.Count || text[tokens[end].Start] != ',' || tokens[end].Kind != TokenKind.Punct)
        {
            return false;
        }

        var age = tokens[end + 1];
        var after = tokens[end + 2];
        if (after.Kind != TokenKind.Punct || text[after.Start] is not (',' or ')'))
        {
            return false;
        }

        var w = age.Span(text);
        if (age.Kind == TokenKind.Number)
        {
            return w.Length <= 3 && int.TryParse(w, out var n) && n is > 0 and <= 120;
        }

        return age.Kind == TokenKind.Word && !char.IsUpper(w[0]) && NumberWordParser.IsNumberWord(w);
    }

    private static bool IsPlacePrefix(string word) => word is "San" or "Santa" or "Los" or "Las" or "El" or "Port" or "Fort" or "Mount"
        or "Lake" or "Cape" or "New" or "Saint" or "St" or "North" or "South" or "East" or "West" or "Upper" or "Lower" or "Greater";

    /// <summary>Words that end the names of organisations and places rather than people ("Fire Service", "Grand Prix"); a month
    /// is not one ("Theresa May": a name reads a month after a first name as a surname).</summary>
    private static bool IsOrganisationWord(string word) =>
        (NameLexicon.IsNotPerson(word) && FigureLexicon.Month(word) == 0) || word.EndsWith("Service", StringComparison.Ordinal) || word is "Group" or "Inc" or "Corp"
        or "Co" or "Ltd" or "Prix" or "Island" or "Islands" or "Airport" or "Centre" or "Center" or "Hospital" or "University"
        or "School" or "Club" or "Association" or "Institute" or "Foundation" or "Agency" or "Office" or "Bureau" or "Commission"
        or "Committee" or "Tribunal" or "Championship" or "Championships" or "Games" or "Festival" or "Park" or "Bridge" or "River"
        or "Valley" or "Mountains" or "Highway" or "Square" or "Times" or "News" or "Post" or "Journal" or "Herald" or "Daily"
        or "Peninsula" or "Bay" or "Street" or "Road" or "Avenue" or "Stadium" or "Arena" or "Church" or "Cathedral" or "Hall"
        or "County" or "Province" or "State" or "City" or "Town" or "Village" or "Department" or "Ministry" or "Council" or "Court"
        or "Party" or "Bank" or "Fund" or "Company" or "Corporation" or "Motors" or "Airlines" or "Cup" or "League" or "Trophy"
        or "Award" or "Awards" or "Prize" or "Act" or "Bill" or "Report" or "Programme" or "Program" or "Project" or "Institution";

    /// <summary>A verb whose subject is a person: a verb of saying (not a participle) or of thinking ("believes",
    /// "hopes"); organisations "say" too, but seldom "believe".</summary>
    private static bool IsPersonVerb(ReadOnlySpan<char> w) =>
        (SpeechVerbs.IsSpeechVerb(w) && !SpeechVerbs.IsParticiple(w)) || Words.Is(w, "believes") || Words.Is(w, "believed")
        || Words.Is(w, "thinks") || Words.Is(w, "thought") || Words.Is(w, "hopes") || Words.Is(w, "hoped") || Words.Is(w, "feels")
        || Words.Is(w, "felt") || Words.Is(w, "fears") || Words.Is(w, "feared") || Words.Is(w, "wants") || Words.Is(w, "wanted");

    // "Wilson, who": a relative "who" follows people, not things.
    private static bool IsFollowedByWho(string text, List<Token> tokens, int end)
    {
        var k = end < tokens.Count && tokens[end].Kind == TokenKind.Punct && text[tokens[end].Start] == ',' ? end + 1 : end;
        return k < tokens.Count && tokens[k].Kind == TokenKind.Word && Words.Is(tokens[k].Span(text), "who");
    }

    /// <summary>Lone capitalised words that speak or think: the subject of a verb of saying or thinking ("Norris
    /// explained", "Greene said", "Wilson, who ..."), or the name after a verb of saying ("said Holmes.", "said Claxton,
    /// who").</summary>
    private static void FindSpeakingWords(string text, List<Token> tokens, HashSet<string> speaking)
    {
        for (var k = 0; k < tokens.Count; k++)
        {
            var t = tokens[k];
            if (t.Kind == TokenKind.Word && IsLoneName(text, tokens, k) && (IsFollowedByWho(text, tokens, k + 1)
                || (k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Word && IsPersonVerb(tokens[k + 1].Span(text)))))
            {
                speaking.Add(Words.Lower(Words.StripPossessive(t.Span(text))));
            }

            if (t.Kind != TokenKind.Word || !SpeechVerbs.IsSpeechVerb(t.Span(text)) || SpeechVerbs.IsParticiple(t.Span(text)))
            {
                continue;
            }

            if (k > 0 && IsLoneName(text, tokens, k - 1))
            {
                speaking.Add(Words.Lower(Words.StripPossessive(tokens[k - 1].Span(text))));
            }

            if (k + 1 < tokens.Count && IsLoneName(text, tokens, k + 1)
                && (k + 2 >= tokens.Count || (tokens[k + 2].Kind == TokenKind.Punct && text[tokens[k + 2].Start] is ',' or '.' or ';')))
            {
                speaking.Add(Words.Lower(tokens[k + 1].Span(text)));
            }
        }
    }

    private static bool IsLoneName(string text, List<Token> tokens, int k)
    {
        var t = tokens[k];
        var w = t.Span(text);
        if (t.Kind != TokenKind.Word || w.Length < 2 || !char.IsUpper(w[0]) || Words.IsAllCaps(w) || NameLexicon.IsNotPerson(w)
            || TitleLexicon.IsTitleWord(Words.StripPossessive(w)) || Stopwords.Contains(w) || NameLexicon.Honorific(w) is not null)
        {
            return false;
        }

        // Alone: not the end of a longer capitalised run.
        return k == 0 || tokens[k - 1].Kind != TokenKind.Word || !char.IsUpper(text[tokens[k - 1].Start]) || Stopwords.Contains(tokens[k - 1].Span(text));
    }

    // A name ends before its possessive: "Putin's" → "Putin".
    private static int NameEnd(string text, Token last) => last.Start + Words.StripPossessive(last.Span(text)).Length;

    /// <summary>Reads a run of name parts from token <paramref name="i"/>: capitalised words, initials ("R."),
    /// hyphenated compounds ("Al-Jusaiman"); at most four; a possessive ends the run.</summary>
    private static (List<NamePart> Parts, int End) ReadName(string text, List<Token> tokens, int i, bool afterHonorific = false)
    {
        var parts = new List<NamePart>(3);
        var j = i;
        while (j < tokens.Count && parts.Count < 4)
        {
            var t = tokens[j];
            if (t.Kind != TokenKind.Word)
            {
                break;
            }

            var w = t.Span(text);
            if (!char.IsUpper(w[0]) || Words.IsAllCaps(w) && w.Length > 1)
            {
                break;
            }

            if (w.Length == 1 && j + 1 < tokens.Count && text[tokens[j + 1].Start] == '.' && tokens[j + 1].Start == t.End)
            {
                if (parts.Count == 0)
                {
                    break;
                }

                parts.Add(new NamePart(w.ToString(), IsInitial: true));
                j += 2;
                continue;
            }

            var stripped = Words.StripPossessive(w);

            // "George King", "Laura Green": a title word after a first name is a surname.
            var titleSurname = parts.Count == 1 && !parts[0].IsInitial && TitleLexicon.IsTitleWord(stripped) && TitleLexicon.Nationality(stripped) is null
                && NameLexicon.FirstName(parts[0].Text) is not null && !NextIsCapitalized(text, tokens, j);
            // "Theresa May", "Mrs May", "Brian May": a month after a first name or an honorific is a surname, unless a day
            // follows it ("until May 5").
            var monthSurname = FigureLexicon.Month(stripped) > 0 && !NextIsNumber(tokens, j)
                && (parts.Count == 0 ? afterHonorific : parts.Count == 1 && !parts[0].IsInitial && NameLexicon.FirstName(parts[0].Text) is not null);
            if ((NameLexicon.IsNotPerson(w) && !monthSurname) || (TitleLexicon.IsTitleWord(stripped) && !titleSurname) || (Stopwords.Contains(stripped) && !monthSurname)
                || NameLexicon.Honorific(w) is not null || stripped.Length < 2 || NumberWordParser.IsNumberWord(stripped))
            {
                break;
            }

            var last = j;
            while (last + 2 < tokens.Count && tokens[last + 1].Kind == TokenKind.Punct && Tokenizer.IsHyphen(text[tokens[last + 1].Start])
                && tokens[last + 1].Start == tokens[last].End && tokens[last + 2].Start == tokens[last + 1].End
                && tokens[last + 2].Kind == TokenKind.Word && char.IsUpper(text[tokens[last + 2].Start]))
            {
                last += 2;
            }

            var partText = last == j ? stripped.ToString() : Words.StripPossessive(text.AsSpan(t.Start, tokens[last].End - t.Start)).ToString();
            parts.Add(new NamePart(partText, IsInitial: false));
            j = last + 1;
            if (Words.StripPossessive(tokens[last].Span(text)).Length != tokens[last].Length)
            {
                break;
            }
        }

        // "Wendy R." ending on an initial: give the initial back.
        while (parts.Count > 0 && parts[^1].IsInitial)
        {
            parts.RemoveAt(parts.Count - 1);
            j -= 2;
        }

        return (parts, j);
    }

    private static bool NextIsNumber(List<Token> tokens, int j) =>
        j + 1 < tokens.Count && tokens[j + 1].Kind == TokenKind.Number;

    private static bool NextIsCapitalized(string text, List<Token> tokens, int j) =>
        j + 1 < tokens.Count && tokens[j + 1].Kind == TokenKind.Word && tokens[j + 1].Start == tokens[j].End + 1 && char.IsUpper(text[tokens[j + 1].Start]);

    private readonly record struct RoleSpan(string Text);

    /// <summary>Reads a title right before the name: "US Deputy Secretary of State", "Kremlin spokesman".</summary>
    private static RoleSpan? ReadTitleBefore(string text, List<Token> tokens, int nameStart)
    {
        var k = nameStart - 1;
        var first = nameStart;
        var hasHead = false;
        while (k >= 0 && nameStart - k <= 12)
        {
            var t = tokens[k];
            if (t.Kind == TokenKind.Word)
            {
                var w = t.Span(text);

                // "President-elect", "Director-General": hyphenated heads read as one word.
                if (k >= 2 && tokens[k - 1].Kind == TokenKind.Punct && Tokenizer.IsHyphen(text[tokens[k - 1].Start])
                    && tokens[k - 1].End == t.Start && tokens[k - 2].End == tokens[k - 1].Start && tokens[k - 2].Kind == TokenKind.Word
                    && TitleLexicon.IsHead(Words.Lower(text.AsSpan(tokens[k - 2].Start, t.End - tokens[k - 2].Start)).Replace('\u2011', '-').Replace('\u2010', '-')))
                {
                    hasHead = true;
                    first = k - 2;
                    k -= 3;
                    continue;
                }

                if (TitleLexicon.IsTitleWord(w))
                {
                    hasHead |= TitleLexicon.IsHead(w);
                    first = k;
                    k--;
                    continue;
                }

                if (Words.Is(w, "of") && k > 0 && k + 1 < nameStart && tokens[k - 1].Kind == TokenKind.Word
                    && TitleLexicon.IsTitleWord(tokens[k - 1].Span(text)))
                {
                    first = k;
                    k--;
                    continue;
                }
            }
            else if (t.Kind == TokenKind.Punct && Tokenizer.IsHyphen(text[t.Start]) && k > 0 && tokens[k - 1].End == t.Start
                && k + 1 < tokens.Count && tokens[k + 1].Start == t.End && first == k + 1)
            {
                k--;
                continue;
            }

            break;
        }

        if (!hasHead || first >= nameStart)
        {
            return null;
        }

        while (first < nameStart && tokens[first].Kind == TokenKind.Word && Words.Is(tokens[first].Span(text), "of"))
        {
            first++;
        }

        // An organisation named before the title belongs to it: "Manchester City manager", "Nvidia chief executive".
        // A nationality opens a title, so nothing before it does ("Eastern Ukrainian separatist leader").
        for (var j = first - 1; j >= 0 && first - j <= 2 && TitleLexicon.Nationality(tokens[first].Span(text)) is null; j--)
        {
            var w = tokens[j].Span(text);
            if (tokens[j].Kind != TokenKind.Word || !Words.IsCapitalized(w) || Stopwords.Contains(w) || FigureLexicon.Month(w) > 0
                || IsWeekday(w) || NameLexicon.Honorific(w) is not null || NameLexicon.FirstName(w) is not null
                || Words.StripPossessive(w).Length != w.Length || tokens[j].End + 1 != tokens[j + 1].Start)
            {
                break;
            }

            first = j;
        }

        return new RoleSpan(text[tokens[first].Start..tokens[nameStart - 1].End]);
    }

    private static bool IsWeekday(ReadOnlySpan<char> w) =>
        Words.Is(w, "Monday") || Words.Is(w, "Tuesday") || Words.Is(w, "Wednesday") || Words.Is(w, "Thursday")
        || Words.Is(w, "Friday") || Words.Is(w, "Saturday") || Words.Is(w, "Sunday");

    /// <summary>Reads an appositive role after the name: "[,] the deputy secretary of state who…",
    /// ", who was Russia's permanent representative to NATO".</summary>
    private static RoleSpan? ReadAppositive(string text, List<Token> tokens, int j)
    {
        var comma = j < tokens.Count && tokens[j].Kind == TokenKind.Punct && text[tokens[j].Start] == ',';
        if (comma)
        {
            j++;
        }

        if (j >= tokens.Count || tokens[j].Kind != TokenKind.Word)
        {
            return null;
        }

        var w = tokens[j].Span(text);
        if (Words.Is(w, "the") || Words.Is(w, "a") || Words.Is(w, "an"))
        {
            j++;
        }
        else if (comma && Words.Is(w, "who") && j + 1 < tokens.Count && (Words.Is(tokens[j + 1].Span(text), "is") || Words.Is(tokens[j + 1].Span(text), "was")))
        {
            j += 2;
            if (j < tokens.Count && Words.Is(tokens[j].Span(text), "the"))
            {
                j++;
            }
        }
        else if (!comma)
        {
            return null;
        }

        var first = j;
        var last = -1;
        var hasHead = false;
        var words = 0;
        while (j < tokens.Count && words < 10)
        {
            var t = tokens[j];
            if (t.Kind == TokenKind.Punct)
            {
                if (Tokenizer.IsHyphen(text[t.Start]) && j > first && tokens[j - 1].End == t.Start)
                {
                    j++;
                    continue;
                }

                break;
            }

            if (t.Kind != TokenKind.Word)
            {
                break;
            }

            var word = t.Span(text);
            var isConnector = Words.Is(word, "of") || Words.Is(word, "to") || Words.Is(word, "for") || Words.Is(word, "at");
            if (TitleLexicon.IsTitleWord(word) || TitleLexicon.CountryPossessive(word) is not null
                || (Words.IsCapitalized(word) && !Stopwords.Contains(word)))
            {
                hasHead |= TitleLexicon.IsHead(word);
                last = j;
            }
            else if (!isConnector || j == first)
            {
                break;
            }

            words++;
            j++;
        }

        if (!hasHead || last < first)
        {
            return null;
        }

        return new RoleSpan(text[tokens[first].Start..tokens[last].End]);
    }

    /// <summary>Lower-cases a role, splits its nationality off and unifies spellings.</summary>
    internal static (string? Role, string? Nationality) NormalizeRole(string roleText)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in roleText)
        {
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0)
                {
                    words.Add(sb.ToString());
                    sb.Clear();
                }
            }
            else
            {
                sb.Append(Tokenizer.IsHyphen(c) || Tokenizer.IsDash(c) ? '-' : Tokenizer.IsApostrophe(c) ? '\'' : char.ToLowerInvariant(c));
            }
        }

        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
        }

        string? nationality = null;
        var k = 0;
        while (k < words.Count && words.Count - k > 1)
        {
            var n = TitleLexicon.Nationality(words[k]) ?? TitleLexicon.CountryPossessive(words[k]);
            if (n is null)
            {
                break;
            }

            nationality = nationality is null || n.Length == 0 ? (n.Length == 0 ? nationality : n) : nationality + " " + n;
            k++;
        }

        for (var m = k; m + 1 < words.Count; m++)
        {
            if (words[m] == "secretary" && words[m + 1] == "general")
            {
                words[m] = "secretary-general";
                words.RemoveAt(m + 1);
            }
        }

        if (k >= words.Count)
        {
            return (null, nationality);
        }

        return (string.Join(' ', words.GetRange(k, words.Count - k)), nationality);
    }

    /// <summary>
    /// "Abdul Hak Baker is the head of the mosque ... Mr Baker said": a person known only by honorific and surname takes
    /// the first names of a capitalised run that ends in that surname elsewhere in the document.
    /// </summary>
    private static void CompleteNames(string text, List<(Passage Passage, List<Token> Tokens)> passageTokens, Dictionary<string, List<DocPerson>> people)
    {
        var open = new Dictionary<string, DocPerson>(StringComparer.Ordinal);
        foreach (var (key, list) in people)
        {
            if (list.Count == 1 && list[0].FirstName is null)
            {
                open[key] = list[0];
            }
        }

        if (open.Count == 0)
        {
            return;
        }

        foreach (var (_, tokens) in passageTokens)
        {
            for (var t = 1; t < tokens.Count; t++)
            {
                var token = tokens[t];
                if (token.Kind != TokenKind.Word || !open.TryGetValue(Words.Lower(Words.StripPossessive(token.Span(text))), out var person) || person.FirstName is not null)
                {
                    continue;
                }

                var first = t;
                while (first > 0 && t - first < 3 && IsGivenName(text, tokens[first - 1]) && tokens[first - 1].End + 1 == tokens[first].Start)
                {
                    first--;
                }

                if (first == t || (first > 0 && NameLexicon.Honorific(tokens[first - 1].Span(text)) is not null))
                {
                    continue;
                }

                var parts = new List<NamePart>(t - first + 1);
                for (var k = first; k <= t; k++)
                {
                    parts.Add(new NamePart(Words.StripPossessive(tokens[k].Span(text)).ToString(), false));
                }

                person.FirstName = parts[0].Text;
                person.Canonical = CanonicalName(parts, false);
            }
        }
    }

    private static bool IsGivenName(string text, Token token)
    {
        var w = token.Span(text);
        return token.Kind == TokenKind.Word && w.Length > 1 && char.IsUpper(w[0]) && !Words.IsAllCaps(w) && !NameLexicon.IsNotPerson(w)
            && !TitleLexicon.IsTitleWord(w) && !Stopwords.Contains(w) && NameLexicon.Honorific(w) is null
            && Words.StripPossessive(w).Length == w.Length && !NumberWordParser.IsNumberWord(w) && FigureLexicon.Month(w) == 0 && !IsWeekday(w);
    }

    private static void FindSurnames(string text, List<Token> tokens, int passageIndex, Dictionary<string, DocPerson> bySurname,
        List<(int Start, int End)> covered, List<Candidate> candidates)
    {
        for (var ti = 0; ti < tokens.Count; ti++)
        {
            var t = tokens[ti];
            if (t.Kind != TokenKind.Word || !Words.IsCapitalized(t.Span(text)))
            {
                continue;
            }

            var key = Words.Lower(Words.StripPossessive(t.Span(text)));
            if (!bySurname.TryGetValue(key, out var match) || IsCovered(covered, t.Start))
            {
                continue;
            }

            var end = t.Start + Words.StripPossessive(t.Span(text)).Length;
            var start = t.Start;

            // "Pep Guardiola" after "Coach Pep Guardiola": take the first name along.
            if (ti > 0 && match.FirstName is not null && tokens[ti - 1].Kind == TokenKind.Word && tokens[ti - 1].End + 1 == t.Start
                && Words.IsCapitalized(tokens[ti - 1].Span(text)) && !IsCovered(covered, tokens[ti - 1].Start)
                && FirstNamesMatch(tokens[ti - 1].Text(text), match.FirstName))
            {
                start = tokens[ti - 1].Start;
            }

            var cand = new Candidate(start, end, passageIndex, [new NamePart(text[t.Start..end], false)], Gender.Unknown, SurnameOnly: true)
            {
                Person = match,
            };
            match.Mentions++;
            candidates.Add(cand);
        }
    }

    // covered is sorted by start and its spans do not overlap: binary search for the last span starting at or before.
    private static bool IsCovered(List<(int Start, int End)> covered, int position)
    {
        int lo = 0, hi = covered.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (covered[mid].Start <= position)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && position < covered[found].End;
    }

    private static void Attach(Candidate c, Dictionary<string, List<DocPerson>> people)
    {
        var surname = c.Parts[^1].Text;
        var surnameKey = Words.Lower(surname);
        var firstName = c.Parts.Count >= 2 && !c.SurnameOnly ? c.Parts[0].Text : null;
        DocPerson? match = null;
        if (!people.TryGetValue(surnameKey, out var sameSurname))
        {
            sameSurname = [];
            people[surnameKey] = sameSurname;
        }

        // Bounded: a hostile text with thousands of first names for one surname stays linear.
        var scanned = 0;
        foreach (var p in sameSurname)
        {
            if (++scanned > MaxSameSurname)
            {
                break;
            }

            if (p.SurnameKey == surnameKey && (firstName is null || p.FirstName is null || FirstNamesMatch(firstName, p.FirstName)
                || IsSuffixOf(c.Parts, p.Parts) || IsSuffixOf(p.Parts, c.Parts)))
            {
                match = p;
                break;
            }
        }

        if (match is null && c.SurnameOnly)
        {
            // "Mr Romanszko" after "Richard Romaszko": a misspelt surname of a person already named.
            match = SimilarSurname(surnameKey, people);
        }

        if (match is null)
        {
            match = new DocPerson(surnameKey, firstName, CanonicalName(c.Parts, c.SurnameOnly), c.Gender) { Parts = c.Parts };
            sameSurname.Add(match);
        }
        else if ((match.FirstName is null && firstName is not null) || (!c.SurnameOnly && IsSuffixOf(match.Parts, c.Parts) && c.Parts.Count > match.Parts.Count))
        {
            // The fullest form names the person: "Hassan Haji Towakal" over "Haji Towakal".
            match.FirstName = firstName;
            match.Canonical = CanonicalName(c.Parts, false);
            match.Parts = c.Parts;
        }

        if (match.Gender == Gender.Unknown)
        {
            match.Gender = c.Gender;
        }

        match.Mentions++;
        c.Person = match;
    }

    private static DocPerson? SimilarSurname(string surnameKey, Dictionary<string, List<DocPerson>> people)
    {
        if (surnameKey.Length < 6 || people.Count > 64)
        {
            return null;
        }

        DocPerson? best = null;
        foreach (var (key, list) in people)
        {
            if (key == surnameKey || key.Length < 6 || key[0] != surnameKey[0] || list.Count != 1 || list[0].FirstName is null
                || Fuzz.Ratio(key[..Math.Min(key.Length, 32)], surnameKey[..Math.Min(surnameKey.Length, 32)]) < 85)
            {
                continue;
            }

            best = best is null ? list[0] : null;
            if (best is null)
            {
                return null;
            }
        }

        return best;
    }

    /// <summary>Whether <paramref name="shorter"/>'s names end <paramref name="longer"/> ("Haji Towakal" in "Hassan Haji
    /// Towakal"); initials are skipped.</summary>
    private static bool IsSuffixOf(List<NamePart> shorter, List<NamePart> longer)
    {
        int a = shorter.Count - 1, b = longer.Count - 1, matched = 0;
        while (a >= 0 && b >= 0)
        {
            if (shorter[a].IsInitial)
            {
                a--;
                continue;
            }

            if (longer[b].IsInitial)
            {
                b--;
                continue;
            }

            if (!shorter[a].Text.Equals(longer[b].Text, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            matched++;
            a--;
            b--;
        }

        return a < 0 && matched >= 2;
    }

    /// <summary>Whether two first names may be one person's: equal, an initial of the other, or a close spelling.</summary>
    internal static bool FirstNamesMatch(string a, string b)
    {
        if (a.Equals(b, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (char.ToUpperInvariant(a[0]) != char.ToUpperInvariant(b[0]))
        {
            return false;
        }

        if (a.Length == 1 || b.Length == 1)
        {
            return true;
        }

        // FuzzySharp's Levenshtein allocates a matrix: names are short, but cap them anyway.
        var x = Words.Lower(a.AsSpan(0, Math.Min(a.Length, 32)));
        var y = Words.Lower(b.AsSpan(0, Math.Min(b.Length, 32)));
        return Fuzz.Ratio(x, y) >= 70;
    }

    internal static string CanonicalName(IReadOnlyList<NamePart> parts, bool surnameOnly)
    {
        if (surnameOnly)
        {
            return parts[^1].Text;
        }

        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            if (p.IsInitial)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(p.Text);
        }

        return sb.ToString();
    }

    internal readonly record struct NamePart(string Text, bool IsInitial);

    private sealed class Candidate(int start, int end, int passageIndex, List<NamePart> parts, Gender gender, bool SurnameOnly)
    {
        public int Start { get; } = start;

        public int End { get; } = end;

        public int PassageIndex { get; } = passageIndex;

        public List<NamePart> Parts { get; } = parts;

        public Gender Gender { get; } = gender;

        public bool SurnameOnly { get; } = SurnameOnly;

        public string? Role { get; set; }

        public string? Nationality { get; set; }

        public string? RoleText { get; set; }

        public DocPerson? Person { get; set; }
    }

    private sealed class DocPerson(string surnameKey, string? firstName, string canonical, Gender gender)
    {
        public string SurnameKey { get; } = surnameKey;

        public string? FirstName { get; set; } = firstName;

        public string Canonical { get; set; } = canonical;

        public Gender Gender { get; set; } = gender;

        public int Mentions { get; set; }

        public List<NamePart> Parts { get; set; } = [];
    }
}
