using ClaimCompare.Core.Claims;
using static ClaimCompare.Core.Tests.Claims.Support.Claims;

namespace ClaimCompare.Core.Tests.Claims;

public class PersonRoleExtractorTests
{
    [Theory]
    [InlineData("Deputy Secretary of State Wendy Sherman said talks would go on.", "Wendy Sherman", "deputy secretary of state", null)]
    [InlineData("US Deputy Secretary of State Wendy Sherman said talks would go on.", "Wendy Sherman", "deputy secretary of state", "us")]
    [InlineData("U.S. Deputy Secretary of State Wendy Sherman said talks would go on.", "Wendy Sherman", "deputy secretary of state", "us")]
    [InlineData("Kremlin spokesman Dmitry Peskov denied any link.", "Dmitry Peskov", "kremlin spokesman", null)]
    [InlineData("NATO Secretary-General Jens Stoltenberg chaired the meeting.", "Jens Stoltenberg", "nato secretary-general", null)]
    [InlineData("NATO Secretary General Jens Stoltenberg chaired the meeting.", "Jens Stoltenberg", "nato secretary-general", null)]
    [InlineData("Russian Deputy Foreign Minister Alexander Grushko described the talks.", "Alexander Grushko", "deputy foreign minister", "russian")]
    [InlineData("Ukrainian Foreign Minister Dmytro Kuleba said Russia had no veto.", "Dmytro Kuleba", "foreign minister", "ukrainian")]
    [InlineData("Eastern Ukrainian separatist leader Denis Pushilin urged Russia to send weapons.", "Denis Pushilin", "separatist leader", "ukrainian")]
    [InlineData("Manchester City manager Pep Guardiola praised his players.", "Pep Guardiola", "manchester city manager", null)]
    [InlineData("President-elect Claudia Sheinbaum thanked voters.", "Claudia Sheinbaum", "president-elect", null)]
    public void Titles_before_a_name_become_normalised_roles(string sentence, string name, string role, string? nationality)
    {
        var p = Assert.Single(People(sentence));
        Assert.Equal(name, p.Name);
        Assert.Equal(role, p.Role);
        Assert.Equal(nationality, p.Nationality);
        Assert.Equal(sentence[p.Start..p.End], p.Surface);
    }

    [Theory]
    [InlineData("Some demands, according to Wendy R. Sherman the deputy secretary of state who led the US delegation, are non-starters.", "deputy secretary of state")]
    [InlineData("Wendy R. Sherman, the assistant secretary of state who led the US delegation to the talks, called them unachievable.", "assistant secretary of state")]
    public void Appositives_after_a_name_become_roles(string sentence, string role)
    {
        var p = Assert.Single(People(sentence));
        Assert.Equal("Wendy Sherman", p.Name);
        Assert.Equal("Wendy R. Sherman", p.Surface);
        Assert.Equal(role, p.Role);
    }

    [Fact]
    public void Variants_of_one_name_merge_within_a_document()
    {
        var people = People("Wendy R. Sherman led the delegation. Ms Sherman said little. Later Ms. Sherman spoke again. Sherman left. Wendy Sherman returned.");
        Assert.Equal(5, people.Count);
        Assert.All(people, p => Assert.Equal("Wendy Sherman", p.Name));
    }

    [Fact]
    public void Putin_variants_merge_and_possessives_stay_out_of_the_surface()
    {
        var people = People("Russian President Vladimir V. Putin spoke. Mr Putin is defiant. Mr. Putin\u2019s intentions are unclear. Putin left.");
        Assert.Equal(4, people.Count);
        Assert.All(people, p => Assert.Equal("Vladimir Putin", p.Name));
        Assert.Equal("Mr. Putin", people[2].Surface);
    }

    [Fact]
    public void Places_and_organisations_are_not_people()
    {
        var people = People("NATO met in Brussels while the Kremlin and the White House traded statements. Moscow said Kyiv was wrong.");
        Assert.Empty(people);
    }

    [Fact]
    public void Registry_merges_spellings_across_documents()
    {
        var registry = new PersonRegistry();
        registry.Add("Alexander Grushko");
        registry.Add("Alexander Grushko");
        registry.Add("Aleksandr Grushko");
        registry.Add("Grushko");
        registry.Add("Putin");
        registry.Add("Vladimir Putin");
        Assert.Equal("Alexander Grushko", registry.Resolve("Aleksandr Grushko"));
        Assert.Equal("Alexander Grushko", registry.Resolve("Grushko"));
        Assert.Equal("Vladimir Putin", registry.Resolve("Putin"));
        Assert.Equal(["Alexander Grushko", "Vladimir Putin"], registry.People);
    }

    [Fact]
    public void Registry_keeps_different_first_names_apart()
    {
        var registry = new PersonRegistry();
        registry.Add("Joe Biden");
        registry.Add("Hunter Biden");
        Assert.Equal("Hunter Biden", registry.Resolve("Hunter Biden"));
        Assert.Equal("Joe Biden", registry.Resolve("Joe Biden"));
    }

    [Fact]
    public void Registry_does_not_depend_on_insertion_order()
    {
        string[] names = ["Grushko", "Aleksandr Grushko", "Alexander Grushko", "Alexander Grushko", "Putin", "Vladimir Putin"];
        var a = new PersonRegistry();
        var b = new PersonRegistry();
        foreach (var n in names)
        {
            a.Add(n);
        }

        foreach (var n in names.Reverse())
        {
            b.Add(n);
        }

        foreach (var n in names)
        {
            Assert.Equal(a.Resolve(n), b.Resolve(n));
        }
    }
}
