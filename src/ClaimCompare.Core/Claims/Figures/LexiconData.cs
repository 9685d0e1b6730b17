using System.Reflection;

namespace ClaimCompare.Core.Claims.Figures;

/// <summary>Reads the tab-separated word lists embedded from Claims/Figures/Data (see the README there).</summary>
internal static class LexiconData
{
    private const string Prefix = "ClaimCompare.Core.Claims.Figures.Data.";

    /// <summary>The rows of <paramref name="name"/>, split on tabs, without comments and blank lines.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing (a build error, not an input error).</exception>
    public static List<string[]> Rows(string name)
    {
        using var stream = typeof(LexiconData).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"embedded word list {name} is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            rows.Add(line.Split('\t'));
        }

        return rows;
    }

    /// <summary>The texts of the tokens <paramref name="surface"/> splits into ("°C" is "°" and "C").</summary>
    public static string[] Words(string surface)
    {
        var tokens = Tokenizer.Tokenize(surface, 0, surface.Length);
        var words = new string[tokens.Count];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = tokens[i].Text(surface);
        }

        return words;
    }

    /// <summary>Whether the comma-separated flags column (index <paramref name="column"/>) of <paramref name="row"/> holds <paramref name="flag"/>.</summary>
    public static bool HasFlag(string[] row, int column, string flag)
    {
        if (row.Length <= column)
        {
            return false;
        }

        foreach (var part in row[column].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == flag)
            {
                return true;
            }
        }

        return false;
    }
}
