namespace ClaimCompare.Cli.Output;

/// <summary>How a command renders its result on stdout.</summary>
internal enum OutputFormat
{
    Text,
    Json,
    Markdown,
    Html,
}
