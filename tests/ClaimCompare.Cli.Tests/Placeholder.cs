namespace ClaimCompare.Cli.Tests;
