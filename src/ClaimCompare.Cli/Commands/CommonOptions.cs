using System.CommandLine;
using ClaimCompare.Cli.Output;

namespace ClaimCompare.Cli.Commands;

/// <summary>Arguments and options shared by the commands that read articles.</summary>
internal static class CommonOptions
{
    /// <summary>Default cap on one input file: far above any article, low enough to refuse a stray dump.</summary>
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    public static Argument<string[]> Inputs() => new("inputs")
    {
        Description = "Articles: text (*.txt), web pages (*.html), RSS/Atom feeds (*.rss, *.atom, *.xml), JSON lines (*.jsonl), folders of them, or - for standard input; a folder's sources.json names its documents.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<OutputFormat> Format(OutputFormat defaultFormat, params OutputFormat[] allowed)
    {
        var option = new Option<OutputFormat>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", Array.ConvertAll(allowed, f => f.ToString().ToLowerInvariant()))}.",
            DefaultValueFactory = _ => defaultFormat,
        };
        option.AcceptOnlyFromAmong(Array.ConvertAll(allowed, f => f.ToString().ToLowerInvariant()));
        return option;
    }

    public static Option<long> MaxBytes() => new("--max-bytes")
    {
        Description = "Refuse documents larger than this many bytes: a text or HTML file, a feed, one JSON line.",
        DefaultValueFactory = _ => DefaultMaxBytes,
    };
}
