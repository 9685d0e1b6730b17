namespace ClaimCompare.Benchmarks.Similarity;

internal static class SyndicationEvaluation
{
    public static int Run(string[] args) => args.Length;
}
