using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimCompare.Server.Tests;

public class HealthTests
{
    [Fact]
    public async Task Healthz_answers_ok()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
    }
}
