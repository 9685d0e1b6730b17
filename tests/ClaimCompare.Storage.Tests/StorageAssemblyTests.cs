namespace ClaimCompare.Storage.Tests;
