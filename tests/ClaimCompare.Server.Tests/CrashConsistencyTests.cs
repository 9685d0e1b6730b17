using System.Net;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimCompare.Server.Tests;

public class CrashConsistencyTests
{
    private static readonly string[] Tables =
        ["documents", "passages", "removed_spans", "signatures", "near_duplicates", "findings", "review_items", "review_evidence", "review_audit", "stories"];

    [Theory]
    [InlineData("document")]
    [InlineData("passages")]
    [InlineData("signatures")]
    [InlineData("near-duplicates")]
    [InlineData("findings")]
    [InlineData("review-items")]
    public async Task A_failure_mid_ingest_leaves_all_or_nothing_and_no_stack_trace(string step)
    {
        var fault = new SwitchableFault();
        await using var app = TestApp.Start(services: s => s.AddSingleton<IIngestStepHook>(fault));
        using var client = app.Client(TestApp.IngestKey);
        await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("Outlet A opens with [[conflict|troops|1]] here.")));
        var before = Tables.ToDictionary(t => t, t => TestApp.Count(app.DatabasePath, t));
        fault.FailAfter = step;

        // Shares the wire copy and the conflict topic: the failing ingest writes edges, a finding and evidence on an existing item.
        var failing = Articles.Article("Outlet B", Articles.WithWire("Outlet B opens with [[conflict|troops|2]] of its own."));
        var response = await TestApp.IngestAsync(client, failing);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(1, fault.Faults);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("injected fault", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        foreach (var table in Tables)
        {
            Assert.Equal(before[table], TestApp.Count(app.DatabasePath, table));
        }
    }

    [Fact]
    public async Task After_a_failed_ingest_the_index_holds_nothing_of_it_and_a_retry_stores_it_whole()
    {
        var fault = new SwitchableFault();
        await using var app = TestApp.Start(services: s => s.AddSingleton<IIngestStepHook>(fault));
        using var client = app.Client(TestApp.IngestKey);
        var a = Articles.Article("Outlet A", Articles.WithWire("Outlet A opens with its own words here."));
        var b = Articles.Article("Outlet B", Articles.WithWire("Outlet B opens with other words of its own."));

        fault.FailAfter = "signatures";
        var failed = await TestApp.IngestAsync(client, a);
        fault.FailAfter = null;
        var second = await TestApp.JsonAsync(await TestApp.IngestAsync(client, b));
        var retry = await TestApp.IngestAsync(client, a);
        var retried = await TestApp.JsonAsync(retry);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Empty(second.GetProperty("nearDuplicates").EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(2, retried.GetProperty("nearDuplicates").GetArrayLength());
        Assert.Equal(2, TestApp.Count(app.DatabasePath, "documents"));
    }

    private sealed class SwitchableFault : IIngestStepHook
    {
        public string? FailAfter { get; set; }

        public int Faults { get; private set; }

        public void AfterStep(string stepName)
        {
            if (stepName == FailAfter)
            {
                Faults++;
                throw new InvalidOperationException("injected fault");
            }
        }
    }
}
