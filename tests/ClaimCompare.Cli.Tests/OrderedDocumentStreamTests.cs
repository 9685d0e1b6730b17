using ClaimCompare.Cli.Input;
using ClaimCompare.Cli.Tests.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Tests;

public class OrderedDocumentStreamTests
{
    private static Func<IDocumentSink, int> Documents(int count) => sink =>
    {
        for (var i = 0; i < count; i++)
        {
            sink.Add(new SourceDocument($"d{i:D4}", new string('x', 1 + (i * 37 % 200))));
        }

        return count;
    };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 3)]
    [InlineData(8, 64)]
    [InlineData(2, 64)]
    [InlineData(3, 17)]
    public void Results_come_back_in_input_order_whatever_the_workers_and_the_window(int workers, int window)
    {
        var seen = new List<string>();

        var loaded = OrderedDocumentStream.Run(
            Documents(500),
            document =>
            {
                // Uneven work, so that workers finish out of order.
                Thread.SpinWait(document.Text.Length * 50);
                return document.Id;
            },
            seen.Add,
            window,
            workers: workers);

        Assert.Equal(500, loaded);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"d{i:D4}"), seen);
    }

    [Fact]
    public void A_reader_that_waits_for_each_result_gets_it_although_results_are_handed_over_in_batches()
    {
        // Like a slow stream on standard input: the next document is read only once the last one has been written.
        using var consumed = new SemaphoreSlim(0);
        var seen = new List<string>();

        var loaded = OrderedDocumentStream.Run(
            sink =>
            {
                for (var i = 0; i < 40; i++)
                {
                    sink.Add(new SourceDocument($"d{i:D4}", "text"));
                    Assert.True(consumed.Wait(TimeSpan.FromSeconds(30)), $"document {i} was not handed to the consumer");
                }

                return 40;
            },
            document => document.Id,
            id =>
            {
                seen.Add(id);
                consumed.Release();
            },
            window: 64,
            workers: 2);

        Assert.Equal(40, loaded);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"d{i:D4}"), seen);
    }

    [Fact]
    public void A_failing_document_surfaces_in_its_place_after_the_ones_before_it_and_stops_the_reader()
    {
        var seen = new List<string>();
        var read = 0;

        var error = Assert.Throws<InvalidOperationException>(() => OrderedDocumentStream.Run(
            sink =>
            {
                for (var i = 0; i < 100_000; i++)
                {
                    Interlocked.Increment(ref read);
                    sink.Add(new SourceDocument($"d{i:D6}", "text"));
                }

                return 0;
            },
            document => document.Id == "d000010" ? throw new InvalidOperationException("broken " + document.Id) : document.Id,
            seen.Add,
            window: 8,
            workers: 2));

        Assert.Equal("broken d000010", error.Message);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"d{i:D6}"), seen);
        Assert.True(read < 100_000, $"the reader went on to read {read} documents");
    }

    [Fact]
    public void A_reader_failure_is_rethrown_after_the_documents_read_before_it()
    {
        var seen = new List<string>();

        var error = Assert.Throws<IOException>(() => OrderedDocumentStream.Run<int, string>(
            sink =>
            {
                sink.Add(new SourceDocument("a", "text"));
                sink.Add(new SourceDocument("b", "text"));
                throw new IOException("disk gone");
            },
            document => document.Id,
            seen.Add,
            window: 4));

        Assert.Equal("disk gone", error.Message);
        Assert.Equal(["a", "b"], seen);
    }

    [Fact]
    public void Idle_runs_while_the_consumer_waits_for_a_slow_document()
    {
        var events = new List<string>();

        OrderedDocumentStream.Run(
            Documents(3),
            document =>
            {
                if (document.Id == "d0000")
                {
                    Thread.Sleep(300);
                }

                return document.Id;
            },
            id => events.Add(id),
            window: 4,
            idle: () => events.Add("idle"),
            workers: 1);

        // The consumer had nothing to take while d0000 was worked on, so it went idle (and flushed) first.
        Assert.Equal("idle", events[0]);
        Assert.Equal(["d0000", "d0001", "d0002"], events.Where(e => e != "idle"));
    }

    [Fact]
    public void A_manifest_entry_that_names_a_folder_or_a_missing_file_is_one_error_each_and_the_rest_is_read()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", "Officials said the talks ended without a deal.\n");
        Directory.CreateDirectory(Path.Combine(folder.Path, "sub.txt"));
        folder.Write("sources.json", """{ "documents": [ { "id": "a", "file": "a.txt" }, { "id": "s", "file": "sub.txt" }, { "id": "m", "file": "missing.txt" } ] }""");

        var result = CliRunner.Run("split", folder.Path, "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"id\": \"a\"", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, result.StderrLines.Length);
        Assert.EndsWith("sub.txt: no such file (listed in sources.json)", result.StderrLines[0], StringComparison.Ordinal);
        Assert.EndsWith("missing.txt: no such file (listed in sources.json)", result.StderrLines[1], StringComparison.Ordinal);
    }
}
