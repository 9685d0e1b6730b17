using ClaimCompare.Core.Ingest;

namespace ClaimCompare.Core.Tests.Ingest;

public class SourceManifestTests
{
    [Fact]
    public void The_fixture_manifest_names_five_documents_by_their_prefixes()
    {
        var manifest = SourceManifest.Parse(File.ReadAllText(Path.Combine(Fixtures.RussiaNato2022, SourceManifest.FileName)));

        Assert.Equal("russia-nato-2022", manifest.Story);
        Assert.Equal(["000", "001", "002", "003", "004"], manifest.Documents.Select(d => d.Id));
        Assert.Equal(new DateOnly(2022, 1, 13), manifest.Find("001_f33a823e7d061938.txt")!.Date);
        Assert.Null(manifest.Find("000_8959d211298b2323.txt")!.Date);
        Assert.All(manifest.Documents, d => Assert.True(File.Exists(Path.Combine(Fixtures.RussiaNato2022, d.File))));
    }

    [Theory]
    [InlineData("{", "invalid JSON")]
    [InlineData("{\"story\": \"x\"}", "documents")]
    [InlineData("{\"documents\": [{\"id\": \"a\"}]}", "needs both")]
    [InlineData("{\"documents\": [{\"id\": \"a\", \"file\": \"../etc/passwd\"}]}", "file name in the manifest's folder")]
    [InlineData("{\"documents\": [{\"id\": \"a\", \"file\": \"a.txt\", \"date\": \"13/01/2022\"}]}", "is not YYYY-MM-DD")]
    [InlineData("{\"documents\": [{\"id\": \"a\", \"file\": \"a.txt\"}, {\"id\": \"a\", \"file\": \"b.txt\"}]}", "appears twice")]
    public void Bad_manifests_are_refused_with_a_reason(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => SourceManifest.Parse(json));

        Assert.Contains(expected, ex.Message);
    }
}
