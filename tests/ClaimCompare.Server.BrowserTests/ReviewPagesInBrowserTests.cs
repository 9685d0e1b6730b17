using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ClaimCompare.Server.BrowserTests;

/// <summary>The review pages in a real browser (Debian's chromium through Playwright), on the fixture story.</summary>
public class ReviewPagesInBrowserTests(ReviewSite site) : IClassFixture<ReviewSite>
{
    private static readonly int[] Widths = [1280, 390];

    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0,
            $"{name} at {page.ViewportSize!.Width} px: " + string.Join("; ", result.Violations.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    private static async Task AssertFitsAsync(IPage page, string name)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= page.ViewportSize!.Width, $"{name} is {width} px wide in a {page.ViewportSize.Width} px window (scrolls sideways)");
    }

    [Fact]
    public async Task A_reviewer_signs_in_filters_the_queue_opens_an_item_decides_and_signs_out()
    {
        var page = await site.NewPageAsync();
        var conflict = site.Items["conflict"];

        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await ReviewSite.SignInAsync(page);
        Assert.Equal("Review queue", await page.Locator("h1").InnerTextAsync());
        await Assertions.Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(site.TotalItems);

        await page.GetByText("Filters", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Kind").SelectOptionAsync("conflict");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape("kind=conflict")));
        var rows = page.Locator("table.queue tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        Assert.Contains("Russian troops", await rows.First.InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = $"#{conflict} Conflict" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/review/{conflict}$"));
        await Assertions.Expect(page.Locator("li.card")).ToHaveCountAsync(2);
        Assert.Equal(["arkansasonline.com, 2022-01-13", "003"], await page.Locator("li.card h3").AllInnerTextsAsync());
        Assert.Equal(["More than 10,000", "about 3,000"], await page.Locator("li.card mark").AllInnerTextsAsync());

        await page.GetByLabel("Confirmed").CheckAsync();
        await page.GetByLabel("Note").FillAsync("Checked both reports: 3,000 on Tuesday, 10,000 on Wednesday.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape("done=decided")));
        Assert.Equal("Saved: the item is now confirmed.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Contains("alice decided", await page.Locator("ol.history").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync($"/stories/{site.StoryId}");
        Assert.StartsWith("Confirmed", await page.Locator($"a.badge[href='/review/{conflict}']").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape("/login?signedOut=true")));
        Assert.Equal("You have signed out.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await page.GotoAsync("/review");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_reviewers_decide_the_same_item_and_the_second_sees_the_conflict_with_the_current_state()
    {
        var id = site.Items["quote-variant"];
        var alice = await site.NewPageAsync(1280);
        var bob = await site.NewPageAsync(390);
        await ReviewSite.SignInAsync(alice, ReviewSite.ReviewerKey);
        await ReviewSite.SignInAsync(bob, ReviewSite.SecondReviewerKey);
        await alice.GotoAsync($"/review/{id}");
        await bob.GotoAsync($"/review/{id}");

        await alice.GetByLabel("Dismissed").CheckAsync();
        await alice.GetByLabel("Note").FillAsync("Same statement, paraphrased by the rewrite.");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(alice).ToHaveURLAsync(new Regex(Regex.Escape("done=decided")));
        await bob.GetByLabel("Confirmed").CheckAsync();
        await bob.GetByLabel("Note").FillAsync("Bob's note: the words differ.");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        var message = bob.Locator("#conflict");
        await Assertions.Expect(message).ToBeVisibleAsync();
        Assert.Equal("Someone else changed this item first", await message.Locator("h2").InnerTextAsync());
        var text = await message.InnerTextAsync();
        Assert.Contains("alice changed it at", text, StringComparison.Ordinal);
        Assert.Contains("it is now dismissed", text, StringComparison.Ordinal);
        Assert.Contains("Same statement, paraphrased by the rewrite.", text, StringComparison.Ordinal);
        Assert.Equal("Bob's note: the words differ.", await bob.GetByLabel("Note").InputValueAsync());
        Assert.Equal("conflict", await bob.EvaluateAsync<string>("document.activeElement.id"));
        Assert.StartsWith("Dismissed", await bob.Locator(".item-head .badge").InnerTextAsync(), StringComparison.Ordinal);
        await ReviewSite.ScreenshotAsync(bob, "item-stale");
        await AssertAccessibleAsync(bob, "the stale item page");
        await AssertFitsAsync(bob, "the stale item page");
        await alice.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reviewer_signs_in_and_decides_with_the_keyboard_alone()
    {
        var page = await site.NewPageAsync();
        var id = site.Items["role-conflict"];

        await page.GotoAsync("/login");
        Assert.Equal("apiKey", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(ReviewSite.ReviewerKey);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        await page.GotoAsync($"/review/{id}");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        string focused;
        var presses = 0;
        do
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string>("document.activeElement.id");
        }
        while (!focused.StartsWith("decision-", StringComparison.Ordinal) && ++presses < 100);

        Assert.Equal("decision-confirmed", focused);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator("#decision-needs-info").IsCheckedAsync());
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("note", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("Which title did the State Department use that week?");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Save decision", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape("done=decided")));

        Assert.Equal("Saved: the item is now needs info.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_at_1280_and_390_px_passes_the_accessibility_check_fits_the_width_and_is_saved_as_a_screenshot()
    {
        foreach (var width in Widths)
        {
            var page = await site.NewPageAsync(width);
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };

            await page.GotoAsync("/login");
            await AssertAccessibleAsync(page, "login");
            await AssertFitsAsync(page, "login");
            await ReviewSite.ScreenshotAsync(page, "login");
            await ReviewSite.SignInAsync(page);

            (string Name, string Path)[] pages =
            [
                ("queue", "/review"),
                ("queue-filtered", "/review?kind=quote-variant&outlet=004"),
                ("item-conflict", $"/review/{site.Items["conflict"]}"),
                ("item-quote-variant", $"/review/{site.Items["quote-variant"]}"),
                ("item-role-conflict", $"/review/{site.Items["role-conflict"]}"),
                ("stories", "/stories"),
                ("story", $"/stories/{site.StoryId}"),
            ];
            foreach (var (name, path) in pages)
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(200, response!.Status);
                await AssertAccessibleAsync(page, name);
                await AssertFitsAsync(page, name);
                await ReviewSite.ScreenshotAsync(page, name);
            }

            // The filter form, opened.
            await page.GotoAsync("/review");
            await page.GetByText("Filters", new() { Exact = true }).ClickAsync();
            await AssertAccessibleAsync(page, "queue with filters open");
            await ReviewSite.ScreenshotAsync(page, "queue-filters");

            Assert.Empty(errors);
            await page.Context.CloseAsync();
        }
    }
}
