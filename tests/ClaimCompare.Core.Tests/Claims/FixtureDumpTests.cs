using System.Globalization;
using System.Text;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Tests.Claims.Support;
using ClaimCompare.Core.Text;
using Xunit.Abstractions;

namespace ClaimCompare.Core.Tests.Claims;

public class FixtureDumpTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_fixture_extracts_with_exact_spans_and_prints_its_claims()
    {
        var pipeline = new TextPipeline();
        var docs = new List<ProcessedDocument>();
        foreach (var (id, text) in ClaimFixtures.Articles())
        {
            docs.Add(pipeline.Process(new SourceDocument(id, text)));
        }

        var all = ClaimExtractor.ExtractAll(docs);
        var sb = new StringBuilder();
        foreach (var claims in all)
        {
            var original = claims.Source!.OriginalText;
            sb.AppendLine(CultureInfo.InvariantCulture, $"=== {claims.Document}");
            foreach (var f in claims.Figures)
            {
                Assert.Equal(f.Text, original[f.Start..f.End]);
                sb.AppendLine(CultureInfo.InvariantCulture, $"  FIG {f.Kind,-8} {Interval(f),-28} noun={f.Noun ?? "-",-12} «{f.Text}» ctx=[{string.Join(",", f.Context)}]");
            }

            foreach (var q in claims.Quotes)
            {
                Assert.Equal(q.Text, original[q.Start..q.End]);
                sb.AppendLine(CultureInfo.InvariantCulture, $"  QUO {q.Speaker ?? "(none)",-20} «{q.Text}»");
            }

            foreach (var p in claims.People)
            {
                Assert.Equal(p.Surface, original[p.Start..p.End]);
                sb.AppendLine(CultureInfo.InvariantCulture, $"  PER {p.Name,-22} role={p.Role ?? "-"} nat={p.Nationality ?? "-"} «{p.Surface}» [{p.RoleText}]");
            }
        }

        output.WriteLine(sb.ToString());
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "claims-dump.txt"), sb.ToString());
    }

    internal static string Interval(Figure f)
    {
        var lo = f.Low is null ? "(-inf" : (f.LowInclusive ? "[" : "(") + f.Low.Value.ToString("G6", CultureInfo.InvariantCulture);
        var hi = f.High is null ? "inf)" : f.High.Value.ToString("G6", CultureInfo.InvariantCulture) + (f.HighInclusive ? "]" : ")");
        return lo + ", " + hi;
    }
}
