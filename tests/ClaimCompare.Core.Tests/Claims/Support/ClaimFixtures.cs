namespace ClaimCompare.Core.Tests.Claims.Support;

/// <summary>Finds the repository's fixtures from the test output directory.</summary>
internal static class ClaimFixtures
{
    public static string StoryDirectory(string story = "russia-nato-2022")
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures", story);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new DirectoryNotFoundException($"fixtures/{story} not found above {AppContext.BaseDirectory}");
    }

    public static IReadOnlyList<(string Id, string Text)> Articles()
    {
        var list = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(StoryDirectory(), "*.txt").Order(StringComparer.Ordinal))
        {
            list.Add((Path.GetFileName(file)[..3], File.ReadAllText(file)));
        }

        return list;
    }
}
