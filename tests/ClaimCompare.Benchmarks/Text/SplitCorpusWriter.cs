using System.Text;

namespace ClaimCompare.Benchmarks.Text;

/// <summary>
/// Writes <see cref="NewsCorpus"/> to disk for end-to-end measurements of <c>claimcompare split</c>: one <c>*.txt</c>
/// file per document in a folder (what the CLI reads), and the same documents concatenated into one file (what a
/// single-file splitter such as npm's <c>sbd</c> reads), each separated by a blank line.
/// </summary>
/// <remarks>Usage: <c>split-corpus FOLDER [--copies N]</c>; <c>--copies 4</c> writes the corpus four times (about 200 MB).</remarks>
internal static class SplitCorpusWriter
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("split-corpus: usage: split-corpus FOLDER [--copies N]");
            return 1;
        }

        var copies = args.Length >= 3 && args[1] == "--copies" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var folder = Path.GetFullPath(args[0]);
        var documents = Path.Combine(folder, "documents");
        Directory.CreateDirectory(documents);
        var utf8 = new UTF8Encoding(false);
        long bytes = 0;
        var files = 0;
        var largest = 0L;
        using var all = new StreamWriter(Path.Combine(folder, "all.txt"), false, utf8);
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var document in NewsCorpus.Documents)
            {
                var name = copies == 1 ? document.Id : $"{copy:D2}-{document.Id}";
                var path = Path.Combine(documents, name + ".txt");
                File.WriteAllText(path, document.Text, utf8);
                var size = utf8.GetByteCount(document.Text);
                bytes += size;
                largest = Math.Max(largest, size);
                files++;
                all.Write(document.Text);
                all.Write("\n\n");
            }
        }

        Console.WriteLine($"split-corpus: {files} files, {bytes / 1e6:F1} MB (largest {largest:N0} bytes) in {documents}; concatenated in {Path.Combine(folder, "all.txt")}");
        return 0;
    }
}
