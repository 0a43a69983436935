using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OpenAlgebra.Web.Components.Layout;
using OpenAlgebra.Web.Components.Pages;

namespace OpenAlgebra.Tests.Components;

/// <summary>What each role is offered: a clinician sees the clinical pages and no admin or operations page, and the reverse.</summary>
public sealed class RoleRenderingTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();

    public RoleRenderingTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(new OpenAlgebra.Modules.Platform.ProductInfo("1.0.0-test", "abc1234", DateTimeOffset.UnixEpoch, "sqlite/filesystem/memory"));
    }

    public static TheoryData<string[], string[]> Menus => new()
    {
        { ["Clinician"], ["/", "/studies", "/upload", "/analyses"] },
        { ["Admin"], ["/", "/compliance"] },
        { ["Ops"], ["/", "/ops"] },
        { ["Clinician", "Admin"], ["/", "/studies", "/upload", "/analyses", "/compliance"] },
    };

    [Theory]
    [MemberData(nameof(Menus))]
    public void The_menu_offers_exactly_the_pages_of_the_roles_held(string[] roles, string[] links)
    {
        _context.AddAuthorization().SetAuthorized("someone").SetRoles(roles);

        var menu = _context.Render<NavigationMenu>();

        Assert.Equal(links, menu.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void A_clinicians_home_page_has_no_compliance_or_operations_card()
    {
        _context.AddAuthorization().SetAuthorized("dr.home").SetRoles("Clinician");

        var home = _context.Render<Home>();

        var targets = home.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/studies", "/upload", "/analyses"], targets);
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
