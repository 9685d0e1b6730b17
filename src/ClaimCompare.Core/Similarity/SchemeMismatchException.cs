namespace ClaimCompare.Core.Similarity;

/// <summary>
/// Thrown when two signatures, shingle sets or an index and a signature were produced by different schemes
/// (hash family, seed, number of permutations, shingling or normaliser version) and so cannot be compared.
/// </summary>
public sealed class SchemeMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SchemeMismatchException()
        : base("The operands were produced by different similarity schemes.")
    {
    }

    /// <summary>Creates the exception with a message naming both schemes.</summary>
    public SchemeMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public SchemeMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
