using System.Text;
using ClaimCompare.Core.Ingest;

namespace ClaimCompare.Core.Tests.Ingest;

public class JsonLinesReaderTests
{
    private static List<JsonLine> Read(string text, int max = 1 << 20) =>
        JsonLinesReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), max).ToList();

    [Fact]
    public void Each_line_is_an_article_with_its_fields()
    {
        var lines = Read("\uFEFF{\"id\": 7, \"url\": \"https://x.example/a\", \"source\": \"wire\", \"published\": \"2022-01-13T08:00:00Z\", \"title\": \"Talks\", \"text\": \"Talks ended.\", \"extra\": {\"nested\": [1, 2]}}\n\n{\"html\": \"<p>x</p>\"}\r\n");

        Assert.Equal(2, lines.Count);
        var first = lines[0].Article!;
        Assert.Equal(1, first.Line);
        Assert.Equal("7", first.Id);
        Assert.Equal("https://x.example/a", first.Url);
        Assert.Equal("wire", first.Source);
        Assert.Equal(new DateTimeOffset(2022, 1, 13, 8, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("Talks", first.Title);
        Assert.Equal("Talks ended.", first.Text);
        Assert.Equal(3, lines[1].Line);
        Assert.Equal("<p>x</p>", lines[1].Article!.Html);
    }

    [Fact]
    public void A_line_that_is_not_json_is_reported_with_its_number_and_the_others_are_read()
    {
        var lines = Read("{\"text\": \"one\"}\nnot json at all\n{\"text\": \"three\"}\n[1, 2]\n{\"title\": \"no text\"}\n{\"text\": \"six\"");

        Assert.Equal("one", lines[0].Article!.Text);
        Assert.StartsWith("line 2: not JSON", lines[1].Problem, StringComparison.Ordinal);
        Assert.Equal("three", lines[2].Article!.Text);
        Assert.Equal("line 4: expected a JSON object, found an array", lines[3].Problem);
        Assert.Equal("line 5: no \"text\" or \"html\"", lines[4].Problem);
        Assert.StartsWith("line 6: not JSON", lines[5].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_over_the_limit_is_skipped_and_the_next_is_read()
    {
        var longText = new string('a', 300_000);
        var lines = Read($"{{\"text\": \"{longText}\"}}\n{{\"text\": \"after\"}}\n", max: 100_000);

        Assert.Equal(2, lines.Count);
        Assert.StartsWith("line 1: longer than the limit of 100,000 bytes", lines[0].Problem, StringComparison.Ordinal);
        Assert.Equal(2, lines[1].Line);
        Assert.Equal("after", lines[1].Article!.Text);
    }

    [Fact]
    public void A_published_value_that_is_not_a_date_is_a_warning()
    {
        var line = Read("{\"text\": \"x\", \"published\": \"last Tuesday\"}").Single();

        Assert.NotNull(line.Article);
        Assert.Null(line.Article!.Published);
        Assert.Contains("\"published\" is not a date", line.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_are_read_lazily_from_a_stream_of_any_length()
    {
        // 200,000 lines from a stream that produces them on demand: the reader must not need the whole stream.
        var stream = new GeneratedLines(200_000);

        var count = 0;
        foreach (var line in JsonLinesReader.Read(stream, 4096))
        {
            Assert.NotNull(line.Article);
            count++;
        }

        Assert.Equal(200_000, count);
        Assert.True(stream.MaxRequested <= 256 * 1024);
    }

    private sealed class GeneratedLines(int count) : Stream
    {
        private int _line;
        private byte[] _pending = [];
        private int _offset;

        public int MaxRequested { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count1)
        {
            MaxRequested = Math.Max(MaxRequested, count1);
            if (_offset == _pending.Length)
            {
                if (_line == count)
                {
                    return 0;
                }

                _line++;
                _pending = Encoding.UTF8.GetBytes($"{{\"id\": \"{_line}\", \"text\": \"Line {_line} of the dump, a sentence.\"}}\n");
                _offset = 0;
            }

            var n = Math.Min(count1, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count1) => throw new NotSupportedException();
    }
}
