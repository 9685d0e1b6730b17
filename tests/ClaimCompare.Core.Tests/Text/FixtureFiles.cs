using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

/// <summary>Finds the repository's <c>fixtures/</c> folder by walking up from the test binaries.</summary>
internal static class FixtureFiles
{
    public const string Story = "russia-nato-2022";

    public static string Root => Fixtures.Root;

    public static string StoryFolder => Path.Combine(Root, Story);

    /// <summary>The fixture whose file name starts with <paramref name="id"/> ("000" ... "004").</summary>
    public static SourceDocument Load(string id)
    {
        var file = Directory.GetFiles(StoryFolder, id + "_*.txt").Single();
        return new SourceDocument(id, File.ReadAllText(file)) { Path = file, Language = "en" };
    }

    public static IEnumerable<string> Ids => ["000", "001", "002", "003", "004"];
}
