using Bunit;
using Microsoft.AspNetCore.Components;
using Productivity.Tests.TestSupport;
using Productivity.Web.Components.Shared;

namespace Productivity.Tests.Web.Components;

public sealed class PageBoundaryTests : ComponentTestBase
{
    [Fact]
    public void RefusedLoad_ShowsNoLongerHasAccess_InsteadOfBreakingTheCircuit()
    {
        var page = Render<PageBoundary>(p => p.AddChildContent<Failing>(c => c.Add(f => f.Error, new UnauthorizedAccessException("Sign in with an active account."))));

        page.WaitForAssertion(() =>
            page.Find("[data-testid=access-denied]").TextContent.Trim().ShouldBe("You no longer have access to this page."));
    }

    [Fact]
    public void OtherFailure_ShowsThePageError_AndRecoverShowsTheContentAgain()
    {
        var page = Render<PageBoundary>(p => p.AddChildContent<Failing>(c => c.Add(f => f.Error, new InvalidOperationException("boom"))));
        page.WaitForAssertion(() => page.FindAll("[data-testid=page-error]").Count.ShouldBe(1));

        page.Render(p => p.AddChildContent<Failing>(c => c.Add(f => f.Error, null)));
        page.InvokeAsync(page.Instance.Recover);

        page.WaitForAssertion(() => page.Find("[data-testid=content]").TextContent.ShouldBe("shown"));
        page.FindAll("[data-testid=page-error]").ShouldBeEmpty();
    }

    private sealed class Failing : ComponentBase
    {
        [Parameter]
        public Exception? Error { get; set; }

        protected override async Task OnInitializedAsync()
        {
            await Task.Yield();
            if (Error is not null)
            {
                throw Error;
            }
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "content");
            builder.AddContent(2, "shown");
            builder.CloseElement();
        }
    }
}
