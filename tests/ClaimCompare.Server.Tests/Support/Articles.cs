namespace ClaimCompare.Server.Tests.Support;

/// <summary>Test articles: shared wire copy plus outlet-specific sentences.</summary>
public static class Articles
{
    public const string WireCopy =
        "Russia and NATO officials acknowledged on Wednesday that they were still far from a deal after four hours of talks in Brussels. " +
        "Allies called on Moscow to immediately de-escalate the situation near the Ukrainian border where troops have gathered.";

    public static string Fixture(string name = "000_8959d211298b2323.txt")
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !Directory.Exists(Path.Combine(directory, "fixtures")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return File.ReadAllText(Path.Combine(directory!, "fixtures", "russia-nato-2022", name));
    }

    public static object Article(
        string source,
        string text,
        string? story = null,
        string published = "2022-01-12T10:00:00Z",
        string? url = null,
        string? title = "Russia-NATO talks") =>
        new { source, url = url ?? $"https://{source.ToLowerInvariant().Replace(' ', '-')}.example/story", published, title, text, story };

    /// <summary>An article with its own opening sentence and the shared wire copy.</summary>
    public static string WithWire(string opening) => opening + "\n\n" + WireCopy;
}
