using System.Net;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Tests.Review;
using ClaimCompare.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Tests.Pages;

public class SignInTests
{
    [Fact]
    public async Task The_root_sends_a_signed_out_visitor_to_the_login_page()
    {
        await using var app = TestApp.Start();
        using var browser = app.Browser();

        using var response = await browser.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        var login = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));
        Assert.Contains("<label for=\"apiKey\">API key</label>", login, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/review")]
    [InlineData("/review/1")]
    [InlineData("/stories")]
    [InlineData("/stories/1")]
    [InlineData("/logout?x=1")]
    public async Task Every_page_but_login_needs_a_session(string path)
    {
        await using var app = TestApp.Start();
        using var browser = app.Browser();

        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));

        if (path.StartsWith("/logout", StringComparison.Ordinal))
        {
            // The sign-out page itself is open (it only shows a button); it holds nothing.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_key_signs_in_with_an_HttpOnly_SameSite_Strict_cookie_that_holds_no_key()
    {
        await using var app = TestApp.Start();

        var (session, response) = await PageSession.SignInAsync(app, TestApp.ReviewerKey);
        using var _ = session;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/review", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("claimcompare.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestApp.ReviewerKey, cookie, StringComparison.Ordinal);
        var queue = await session.HtmlAsync("/review");
        Assert.Contains("<h1>Review queue</h1>", queue, StringComparison.Ordinal);
        Assert.Contains("alice", queue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_https_the_session_cookie_is_Secure()
    {
        await using var app = TestApp.Start();

        var (session, response) = await PageSession.SignInAsync(app, TestApp.AdminKey, "https://localhost");
        using var _ = session;

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("claimcompare.session=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task After_sign_in_the_visitor_returns_to_the_page_they_asked_for_but_never_off_site()
    {
        await using var app = TestApp.Start();
        using var browser = app.Browser();
        using var session = new PageSession(browser);

        var local = await session.SubmitAsync("/login", "/login", new() { ["apiKey"] = TestApp.ReviewerKey, ["returnUrl"] = "/stories" });
        using var other = new PageSession(app.Browser());
        var offSite = await other.SubmitAsync("/login", "/login", new() { ["apiKey"] = TestApp.ReviewerKey, ["returnUrl"] = "https://evil.example/" });

        Assert.Equal("/stories", local.Headers.Location!.OriginalString);
        Assert.Equal("/review", offSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_ingest_key_cannot_sign_in_and_an_unknown_key_is_refused()
    {
        await using var app = TestApp.Start();

        var (ingest, ingestResponse) = await PageSession.SignInAsync(app, TestApp.IngestKey);
        var (unknown, unknownResponse) = await PageSession.SignInAsync(app, "not-a-key-000000000000000");
        using var a = ingest;
        using var b = unknown;

        Assert.Equal(HttpStatusCode.Unauthorized, ingestResponse.StatusCode);
        Assert.Contains("ingest key", await ingestResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(ingestResponse.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("claimcompare.session=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await ingest.Client.GetAsync(new Uri("/review", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownResponse.StatusCode);
        Assert.Contains("That API key is not valid.", await unknownResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused_with_a_page_and_no_session()
    {
        await using var app = TestApp.Start();
        using var session = new PageSession(app.Browser());

        var response = await session.SubmitAsync("/login", "/login", new() { ["apiKey"] = TestApp.ReviewerKey }, withToken: false);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form could not be accepted", html, StringComparison.Ordinal);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync(new Uri("/review", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_needs_the_antiforgery_token()
    {
        await using var app = TestApp.Start();
        using var session = await PageSession.SignedInAsync(app);

        var forged = await session.SubmitAsync("/review", "/logout", [], withToken: false);
        var stillIn = await session.GetAsync("/review");
        var signedOut = await session.SubmitAsync("/review", "/logout", []);
        var after = await session.Client.GetAsync(new Uri("/review", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.Status);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/login?signedOut=true", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_session_ends_when_its_key_is_removed_from_the_configuration()
    {
        await using var app = TestApp.Start();
        using var session = await PageSession.SignedInAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/review")).Status);

        app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Keys.Remove(TestApp.ReviewerKey);
        using var response = await session.Client.GetAsync(new Uri("/review", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_session_reads_the_API_but_never_changes_anything_through_it()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        var created = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, ReviewApiTests.Marked("Outlet A", "conflict", "troops near the border", "100000")));
        var id = ReviewApiTests.CreatedItemId(created);
        using var session = await PageSession.SignedInAsync(app);

        using var read = await session.Client.GetAsync(new Uri($"/api/review/{id}", UriKind.Relative));
        using var write = await session.Client.SendAsync(ReviewApiTests.Post(id, "decision", new { status = "confirmed", note = "via cookie" }, "\"1\""));
        using var anonymous = app.Browser();
        using var noSession = await anonymous.GetAsync(new Uri($"/api/review/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, noSession.StatusCode);
        Assert.Equal("application/problem+json", noSession.Content.Headers.ContentType!.MediaType);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        Assert.Equal("open", (await ReviewApiTests.ReadAsync(reviewer, id)).Json.GetProperty("item").GetProperty("status").GetString());
    }
}
