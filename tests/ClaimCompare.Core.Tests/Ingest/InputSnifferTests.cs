using System.Text;
using ClaimCompare.Core.Ingest;

namespace ClaimCompare.Core.Tests.Ingest;

public class InputSnifferTests
{
    [Theory]
    [InlineData("a.txt", "Talks ended without a deal.", InputFormat.Text)]
    [InlineData("a.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>", InputFormat.Html)]
    [InlineData("a.txt", "{\"text\": \"not a dump, a text that starts with a brace\"}", InputFormat.Text)]
    [InlineData("a.html", "Talks ended.", InputFormat.Html)]
    [InlineData("a.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>", InputFormat.Feed)]
    [InlineData("a.xml", "<?xml version=\"1.0\"?><!DOCTYPE html><html><body></body></html>", InputFormat.Html)]
    [InlineData("a.jsonl", "{\"text\": \"x\"}", InputFormat.JsonLines)]
    [InlineData("dump", "{\"text\": \"x\"}\n{\"text\": \"y\"}", InputFormat.JsonLines)]
    [InlineData("page", "<html><head></head><body>x</body></html>", InputFormat.Html)]
    [InlineData("feed", "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>", InputFormat.Feed)]
    [InlineData("notes", "<b>Update:</b> talks resume on Monday, officials said, after a long pause in the negotiations.", InputFormat.Text)]
    public void The_extension_decides_and_the_content_corrects_it(string name, string content, InputFormat expected)
    {
        Assert.Equal(expected, InputSniffer.Detect(name, Encoding.UTF8.GetBytes(content)));
    }
}
