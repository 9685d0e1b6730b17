namespace ClaimCompare.Core.Tests;

/// <summary>Locates the repository's <c>fixtures/</c> folder from the test binaries.</summary>
internal static class Fixtures
{
    public static string Root { get; } = FindRoot();

    public static string RussiaNato2022 => Path.Combine(Root, "russia-nato-2022");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ClaimCompare.sln")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("fixtures/ not found above " + AppContext.BaseDirectory);
    }
}
