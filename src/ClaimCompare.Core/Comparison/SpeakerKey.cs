namespace ClaimCompare.Core.Comparison;

/// <summary>Identifies one person across sources by surname: "Wendy R. Sherman", "Ms Sherman" and "Sherman" meet.</summary>
/// <remarks>Within one story two people rarely share a surname; where they do, the first names must not contradict.</remarks>
internal static class SpeakerKey
{
    public static string Of(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.LastIndexOf(' ');
        return (space < 0 ? trimmed : trimmed[(space + 1)..]).ToLowerInvariant();
    }

    /// <summary>Whether two names may be one person: same surname and no contradicting first initial.</summary>
    public static bool Compatible(string a, string b)
    {
        if (Of(a) != Of(b))
        {
            return false;
        }

        var fa = FirstInitial(a);
        var fb = FirstInitial(b);
        return fa is null || fb is null || fa == fb;
    }

    /// <summary>The lower-cased first initial of a name with a first name, or null ("Ms Sherman", "Sherman").</summary>
    public static char? FirstInitial(string name)
    {
        var parts = name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 && char.IsUpper(parts[0][0]) && parts[0] is not ("Mr" or "Mr." or "Ms" or "Ms." or "Mrs" or "Mrs." or "Dr" or "Dr.")
            ? char.ToLowerInvariant(parts[0][0])
            : null;
    }
}
