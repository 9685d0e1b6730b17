using System.Globalization;
using System.IO.Compression;
using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace ClaimCompare.Benchmarks.Evaluation.Rewrites;

/// <summary>
/// Derives the compact lexical table Core embeds (<c>src/ClaimCompare.Core/Similarity/Resources/wordnet-lexicon.bin</c>)
/// from the WordNet 3.0 database (Debian's <c>wordnet-base</c>, <c>/usr/share/wordnet</c>) and Lucene.Net's Snowball
/// English stemmer. Run by <c>scripts/build-lexicon.sh</c>; the output is deterministic for the same inputs.
/// </summary>
/// <remarks>
/// What is kept, per single-word lemma: its parts of speech, its first <see cref="SensesPerPos"/> synsets per part
/// of speech (WordNet orders senses by frequency), its SemCor sense-tag count (cntlist.rev, a frequency estimate),
/// its Snowball stem class (derivational families: enlarge / enlargement), its direct antonyms (WordNet's lexical
/// <c>!</c> pointers) and a direction: up when one of its verb senses in use (tagged at least once in SemCor, by the
/// index files' tagsense_cnt, or among the first <see cref="SensesPerPos"/>) lies under increase.v.01/02 in the hypernym
/// tree (or under rise.v.01 / ascend.v.01, moving upward, the sense news uses for prices), or one of its noun senses in use
/// is derivationally related to such a verb sense, and none under decrease.v.01/02 or descend.v.01; down the other way round. The inflection exception lists (*.exc) map irregular forms (rose, fell, went) to lemmas.
/// </remarks>
internal static class LexiconBuilder
{
    public const int SensesPerPos = 3;
    private const string Magic = "CCWN";
    private const int Version = 1;

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "probe")
        {
            var lexicon = Core.Similarity.WordNetLexicon.Instance;
            Span<int> found = stackalloc int[3];
            foreach (var word in args[1..])
            {
                var n = lexicon.Lemmatize(word, found);
                var parts = new List<string>();
                for (var i = 0; i < n; i++)
                {
                    parts.Add($"#{found[i]} {lexicon.Flags(found[i])} freq {lexicon.Frequency(found[i])} stem {lexicon.StemClass(found[i])}");
                }

                Console.WriteLine($"{word}: {string.Join("; ", parts)}");
            }

            return 0;
        }

        var source = args.Length > 0 ? args[0] : "/usr/share/wordnet";
        var output = args.Length > 1 ? args[1] : Path.Combine(FindRepositoryRoot(), "src", "ClaimCompare.Core", "Similarity", "Resources", "wordnet-lexicon.bin");
        if (!File.Exists(Path.Combine(source, "index.noun")))
        {
            Console.Error.WriteLine($"lexicon: error: no WordNet database in {source} (apt-get install wordnet-base)");
            return 2;
        }

        var bytes = Build(source);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllBytes(output, bytes);
        Console.WriteLine($"wrote {output}: {bytes.Length:N0} bytes");
        return 0;
    }

    public static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClaimCompare.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }

    private sealed class Lemma
    {
        public byte Pos;
        public int Frequency;
        public readonly SortedSet<int> Synsets = [];
        public readonly List<int> AllSynsets = [];

        /// <summary>
        /// The senses in use: those SemCor tagged at least once (the index's tagsense_cnt first senses of each part of
        /// speech) and the first <see cref="SensesPerPos"/> of each part of speech.
        /// </summary>
        public readonly List<int> FrequentSynsets = [];
        public readonly SortedSet<string> Antonyms = new(StringComparer.Ordinal);
    }

    private sealed class Synset
    {
        public int Id;
        public char Pos;
        public readonly List<string> Words = [];
        public readonly List<(char Symbol, string Key, int Source, int Target)> Pointers = [];
    }

    private static byte[] Build(string source)
    {
        // Synsets from the data files, keyed "pos:offset" (satellites share the adjective file).
        var synsets = new Dictionary<string, Synset>(StringComparer.Ordinal);
        foreach (var (file, pos) in new[] { ("data.noun", 'n'), ("data.verb", 'v'), ("data.adj", 'a'), ("data.adv", 'r') })
        {
            foreach (var line in File.ReadLines(Path.Combine(source, file)))
            {
                if (line.StartsWith(' '))
                {
                    continue; // licence header
                }

                var bar = line.IndexOf(" | ", StringComparison.Ordinal);
                var f = (bar >= 0 ? line[..bar] : line).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var synset = new Synset { Pos = pos };
                var words = int.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var i = 4;
                for (var w = 0; w < words; w++, i += 2)
                {
                    var word = f[i];
                    var paren = word.IndexOf('(', StringComparison.Ordinal);
                    synset.Words.Add((paren >= 0 ? word[..paren] : word).ToLowerInvariant());
                }

                var pointers = int.Parse(f[i++], CultureInfo.InvariantCulture);
                for (var p = 0; p < pointers; p++, i += 4)
                {
                    var st = f[i + 3];
                    synset.Pointers.Add((f[i][0], Key(f[i + 2][0], f[i + 1]), Convert.ToInt32(st[..2], 16), Convert.ToInt32(st[2..], 16)));
                }

                synsets[Key(pos, f[0])] = synset;
            }
        }

        // Dense ids in a fixed order: part of speech, then offset.
        var keys = synsets.Keys.ToList();
        keys.Sort(StringComparer.Ordinal);
        for (var k = 0; k < keys.Count; k++)
        {
            synsets[keys[k]].Id = k;
        }

        // Lemmas from the index files: the first senses of each part of speech.
        var lemmas = new SortedDictionary<string, Lemma>(StringComparer.Ordinal);
        foreach (var (file, pos, bit) in new[] { ("index.noun", 'n', 1), ("index.verb", 'v', 2), ("index.adj", 'a', 4), ("index.adv", 'r', 8) })
        {
            foreach (var line in File.ReadLines(Path.Combine(source, file)))
            {
                if (line.StartsWith(' '))
                {
                    continue;
                }

                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var word = f[0];
                if (!IsSingleWord(word))
                {
                    continue;
                }

                var senses = int.Parse(f[2], CultureInfo.InvariantCulture);
                var pointerCount = int.Parse(f[3], CultureInfo.InvariantCulture);
                var tagged = int.Parse(f[4 + pointerCount + 1], CultureInfo.InvariantCulture);
                var first = 4 + pointerCount + 2;
                if (!lemmas.TryGetValue(word, out var lemma))
                {
                    lemmas[word] = lemma = new Lemma();
                }

                lemma.Pos |= (byte)bit;
                for (var s = 0; s < senses; s++)
                {
                    var id = synsets[Key(pos, f[first + s])].Id;
                    lemma.AllSynsets.Add(id);
                    if (s < Math.Max(tagged, SensesPerPos))
                    {
                        lemma.FrequentSynsets.Add(id);
                    }

                    if (s < SensesPerPos)
                    {
                        lemma.Synsets.Add(id);
                    }
                }
            }
        }

        // Frequencies: SemCor sense-tag counts summed per lemma.
        foreach (var line in File.ReadLines(Path.Combine(source, "cntlist.rev")))
        {
            var f = line.Split(' ');
            var word = f[0][..f[0].IndexOf('%', StringComparison.Ordinal)];
            if (lemmas.TryGetValue(word, out var lemma))
            {
                lemma.Frequency += int.Parse(f[2], CultureInfo.InvariantCulture);
            }
        }

        // Antonyms: lexical pointers between single words.
        foreach (var synset in synsets.Values)
        {
            foreach (var (symbol, key, from, to) in synset.Pointers)
            {
                if (symbol != '!' || from == 0 || to == 0 || !synsets.TryGetValue(key, out var target))
                {
                    continue;
                }

                var a = synset.Words[from - 1];
                var b = target.Words[to - 1];
                if (lemmas.TryGetValue(a, out var la) && lemmas.ContainsKey(b) && a != b)
                {
                    la.Antonyms.Add(b);
                }
            }
        }

        // Direction: verb senses under increase / decrease, and nouns derived from them.
        var byId = new Synset[keys.Count];
        foreach (var synset in synsets.Values)
        {
            byId[synset.Id] = synset;
        }

        // Amounts going up or down (increase.v.01/02, decrease.v.01/02) and the motion senses news uses for them
        // ("shares rose", "prices plunged": rise.v.01 and ascend.v.01 move upward, descend.v.01 moves down).
        var up = Closure(synsets, byId, lemmas, [(lemmas["increase"], 0), (lemmas["increase"], 1), (lemmas["rise"], 0), (lemmas["ascend"], 0)]);
        var down = Closure(synsets, byId, lemmas, [(lemmas["decrease"], 0), (lemmas["decrease"], 1), (lemmas["descend"], 0)]);

        // Snowball stem classes.
        var stemmer = new EnglishStemmer();
        var stemClass = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = lemmas.Keys.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            index[names[i]] = i;
        }

        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new BinaryWriter(deflate, Encoding.UTF8))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(Version);
            writer.Write(keys.Count);
            writer.Write(names.Count);
            foreach (var name in names)
            {
                var lemma = lemmas[name];
                // Only senses in use: "top" has an 8th verb sense (cut the top off) under decrease that SemCor never
                // tagged, and "the top rate" must not read as a fall.
                var isUp = lemma.FrequentSynsets.Exists(up.Contains);
                var isDown = lemma.FrequentSynsets.Exists(down.Contains);
                var flags = lemma.Pos | (isUp && !isDown ? 16 : 0) | (isDown && !isUp ? 32 : 0);
                stemmer.SetCurrent(name.Replace("-", string.Empty, StringComparison.Ordinal));
                stemmer.Stem();
                var stem = stemmer.Current;
                if (!stemClass.TryGetValue(stem, out var cls))
                {
                    stemClass[stem] = cls = stemClass.Count;
                }

                writer.Write(name);
                writer.Write((byte)flags);
                writer.Write7BitEncodedInt(Math.Min(lemma.Frequency, 1_000_000));
                writer.Write7BitEncodedInt(cls);
                writer.Write((byte)lemma.Synsets.Count);
                foreach (var id in lemma.Synsets)
                {
                    writer.Write7BitEncodedInt(id);
                }

                var antonyms = lemma.Antonyms.Take(255).ToList();
                writer.Write((byte)antonyms.Count);
                foreach (var antonym in antonyms)
                {
                    writer.Write7BitEncodedInt(index[antonym]);
                }
            }

            var exceptions = new SortedDictionary<string, SortedSet<int>>(StringComparer.Ordinal);
            foreach (var file in new[] { "noun.exc", "verb.exc", "adj.exc", "adv.exc" })
            {
                foreach (var line in File.ReadLines(Path.Combine(source, file)))
                {
                    var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length < 2 || !IsSingleWord(f[0]))
                    {
                        continue;
                    }

                    for (var b = 1; b < f.Length; b++)
                    {
                        if (index.TryGetValue(f[b], out var id))
                        {
                            if (!exceptions.TryGetValue(f[0], out var set))
                            {
                                exceptions[f[0]] = set = [];
                            }

                            set.Add(id);
                        }
                    }
                }
            }

            writer.Write(exceptions.Count);
            foreach (var (form, ids) in exceptions)
            {
                writer.Write(form);
                writer.Write((byte)ids.Count);
                foreach (var id in ids)
                {
                    writer.Write7BitEncodedInt(id);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The verb synsets under the given verb senses (lemma, sense index from 0), plus nouns derived from them: a noun
    /// synset whose derivational pointer leads to such a verb sense of a word that uses that sense (one of the word's
    /// senses in use). The noun "top" points at "top" (cut the top off), a verb sense SemCor never tagged.
    /// </summary>
    private static HashSet<int> Closure(Dictionary<string, Synset> synsets, Synset[] byId, SortedDictionary<string, Lemma> lemmas, (Lemma Lemma, int Sense)[] senses)
    {
        var roots = new HashSet<int>();
        foreach (var (lemma, sense) in senses)
        {
            roots.Add(lemma.AllSynsets.Where(id => byId[id].Pos == 'v').ElementAt(sense));
        }

        // A verb synset is under a root when its hypernym chain reaches one.
        var memo = new Dictionary<int, bool>();
        bool Under(int id, int depth)
        {
            if (roots.Contains(id))
            {
                return true;
            }

            if (depth > 20)
            {
                return false;
            }

            if (memo.TryGetValue(id, out var known))
            {
                return known;
            }

            var result = false;
            foreach (var (symbol, key, _, _) in byId[id].Pointers)
            {
                if (symbol == '@' && synsets.TryGetValue(key, out var parent) && Under(parent.Id, depth + 1))
                {
                    result = true;
                    break;
                }
            }

            memo[id] = result;
            return result;
        }

        var closure = new HashSet<int>();
        foreach (var synset in byId)
        {
            if (synset.Pos == 'v' && Under(synset.Id, 0))
            {
                closure.Add(synset.Id);
            }
        }

        foreach (var synset in byId)
        {
            if (synset.Pos != 'n')
            {
                continue;
            }

            foreach (var (symbol, key, _, target) in synset.Pointers)
            {
                if (symbol == '+' && synsets.TryGetValue(key, out var verb) && closure.Contains(verb.Id)
                    && (target == 0 || (lemmas.TryGetValue(verb.Words[target - 1], out var word) && word.FrequentSynsets.Contains(verb.Id))))
                {
                    closure.Add(synset.Id);
                    break;
                }
            }
        }

        return closure;
    }

    private static bool IsSingleWord(string word)
    {
        if (word.Length == 0 || word.Length > 40)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!(char.IsAsciiLetterLower(c) || c == '-' || c == '\''))
            {
                return false;
            }
        }

        return true;
    }

    private static string Key(char pos, string offset) => (pos == 's' ? 'a' : pos) + ":" + offset;
}
