using System.Runtime.CompilerServices;
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
    public void A_document_larger_than_the_budget_is_read_only_once_the_ones_before_it_are_consumed_and_collectable()
    {
        // What keeps `split` over a folder of huge files to the room of one: the reader waits (in Reserve, before it
        // decodes the next file) until the last document has been consumed, and by then nothing holds it any more.
        var consumed = 0;
        var documents = new List<WeakReference>();
        var atReserve = new List<(int Consumed, int Alive)>();

        OrderedDocumentStream.Run(
            sink =>
            {
                for (var i = 0; i < 4; i++)
                {
                    sink.Reserve(20_000);
                    atReserve.Add((Volatile.Read(ref consumed), CountAlive(documents)));
                    documents.Add(AddDocument(sink, $"d{i}", 20_000));
                }

                return 0;
            },
            document => document.Id,
            _ =>
            {
                // A slow consumer: a reader that did not wait would be ahead of it.
                Thread.Sleep(50);
                Interlocked.Increment(ref consumed);
            },
            window: 64,
            workers: 2,
            budget: 10_000);

        Assert.Equal([(0, 0), (1, 0), (2, 0), (3, 0)], atReserve);
    }

    [Fact]
    public void Documents_within_the_budget_are_read_ahead_and_one_that_does_not_fit_waits()
    {
        var consumed = 0;
        var atAdd = new List<int>();
        using var release = new ManualResetEventSlim();

        OrderedDocumentStream.Run(
            sink =>
            {
                // Three of 300 characters fit in a budget of 1,000 with nothing consumed; the fourth waits for room.
                for (var i = 0; i < 4; i++)
                {
                    if (i == 3)
                    {
                        release.Set();
                    }

                    sink.Add(new SourceDocument($"d{i}", new string('x', 300)));
                    atAdd.Add(Volatile.Read(ref consumed));
                }

                return 0;
            },
            document => document.Id,
            _ =>
            {
                // The consumer holds on to the first result until the reader is about to add the fourth document.
                Assert.True(release.Wait(TimeSpan.FromSeconds(30)));
                Interlocked.Increment(ref consumed);
            },
            window: 64,
            workers: 2,
            budget: 1_000);

        Assert.Equal([0, 0, 0], atAdd[..3]);
        Assert.True(atAdd[3] >= 1, $"the fourth document was added with {atAdd[3]} consumed");
    }

    [Fact]
    public void Through_the_loader_no_huge_document_is_alive_when_the_next_file_is_about_to_be_decoded()
    {
        // The loader (files over a megabyte take its large-text path) and the stream together, as `split` runs them: at
        // each file's reservation, every document before it has been consumed and is garbage.
        using var folder = new TempFolder();
        var paragraph = "Officials said the talks ended on Wednesday without a deal, and both sides agreed to meet again.\n\n";
        var text = string.Concat(Enumerable.Repeat(paragraph, (1536 * 1024 / paragraph.Length) + 1));
        for (var i = 0; i < 3; i++)
        {
            folder.Write($"big{i}.txt", text);
        }

        using var log = new Serilog.LoggerConfiguration().CreateLogger();
        var documents = new List<WeakReference>();
        var consumed = 0;
        var atReserve = new List<(int Consumed, int Alive)>();

        var loaded = OrderedDocumentStream.Run(
            sink => new DocumentLoader(log, 1 << 30, sink.Add, null, size =>
            {
                sink.Reserve(size);
                atReserve.Add((Volatile.Read(ref consumed), CountAlive(documents)));
            }).Load([folder.Path]),
            document => new WeakReference(document),
            weak =>
            {
                Thread.Sleep(50);
                documents.Add(weak);
                Volatile.Write(ref consumed, consumed + 1);
            },
            window: 64,
            workers: 2,
            budget: 1024 * 1024);

        Assert.False(loaded.HadErrors);
        Assert.Equal(3, consumed);
        Assert.Equal([(0, 0), (1, 0), (2, 0)], atReserve);
    }

    [Fact]
    public void The_loader_holds_no_document_it_has_handed_on_while_it_reads_the_next()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", "Officials said the talks ended without a deal.\n");
        folder.Write("b.jsonl", "{\"text\": \"First article, a sentence.\"}\n{\"text\": \"Second article.\"}\n");
        folder.Write("c.txt", "Both sides agreed to meet again.\n");
        using var log = new Serilog.LoggerConfiguration().CreateLogger();
        var handedOn = new List<WeakReference>();
        var alive = new List<int>();

        var loaded = new DocumentLoader(log, 1 << 20, document => handedOn.Add(new WeakReference(document)), null, _ => alive.Add(CountAlive(handedOn)))
            .Load([folder.Path]);

        Assert.False(loaded.HadErrors);
        Assert.Equal(4, handedOn.Count);
        // Before each file is read, nothing handed on before it is still held.
        Assert.Equal([0, 0, 0], alive);
    }

    /// <summary>Adds a document in a frame of its own, so that the test holds only a weak reference to it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AddDocument(IDocumentSink sink, string id, int length)
    {
        var document = new SourceDocument(id, new string('x', length));
        sink.Add(document);
        return new WeakReference(document);
    }

    private static int CountAlive(List<WeakReference> documents)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var alive = 0;
        foreach (var document in documents)
        {
            if (document.IsAlive)
            {
                alive++;
            }
        }

        return alive;
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
