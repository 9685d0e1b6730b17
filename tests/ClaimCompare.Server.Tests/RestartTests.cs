using ClaimCompare.Server.Tests.Review;
using ClaimCompare.Server.Tests.Support;

namespace ClaimCompare.Server.Tests;

public class RestartTests
{
    private static readonly string[] Reads =
    [
        "/api/clusters", "/api/stories", "/api/stories/1/report?format=json", "/api/review", "/api/review/1",
    ];

    [Fact]
    public async Task A_new_app_on_the_same_file_answers_exactly_as_before_and_its_index_is_rebuilt()
    {
        var path = TestApp.NewDatabasePath();
        var before = new Dictionary<string, string>();
        string aId;
        try
        {
            await using (var app = TestApp.Start(path))
            {
                using var client = app.Client(TestApp.AdminKey);
                aId = (await TestApp.JsonAsync(await TestApp.IngestAsync(client,
                    Articles.Article("Outlet A", Articles.WithWire("Outlet A opens with [[conflict|troops|1]] here."), story: "s")))).GetProperty("id").GetString()!;
                await TestApp.IngestAsync(client, Articles.Article("Outlet B", Articles.WithWire("Outlet B opens with [[conflict|troops|2]] too."), story: "s"));
                var (etag, _) = await ReviewApiTests.ReadAsync(client, 1);
                await client.SendAsync(ReviewApiTests.Post(1, "assign", new { assignee = "carol" }, etag));
                foreach (var uri in Reads.Append($"/api/documents/{aId}").Append($"/api/documents/{aId}/overlap"))
                {
                    before[uri] = await client.GetStringAsync(new Uri(uri, UriKind.Relative));
                }
            }

            await using (var app = TestApp.Start(path))
            {
                using var client = app.Client(TestApp.AdminKey);
                foreach (var (uri, body) in before)
                {
                    Assert.Equal(body, await client.GetStringAsync(new Uri(uri, UriKind.Relative)));
                }

                var c = await TestApp.JsonAsync(await TestApp.IngestAsync(client,
                    Articles.Article("Outlet C", Articles.WithWire("Outlet C opens in a third way."))));
                Assert.Equal(4, c.GetProperty("nearDuplicates").GetArrayLength());
                Assert.Equal(1, c.GetProperty("storyId").GetInt64());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
