using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// bUnit base for MudBlazor components, configured like MudBlazor's own test base: loose JS interop, no transitions,
/// and no check for a popover provider (pages are rendered inside the providers by <see cref="RenderWithProviders{TComponent}"/>).
/// xunit 2 disposes test classes synchronously, but some MudBlazor services are only <see cref="IAsyncDisposable"/>,
/// so the context is disposed asynchronously through <see cref="IAsyncLifetime"/> first.
/// </summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(new Productivity.Web.Components.Shared.MoneyFormat("USD"));
        Services.AddSingleton(NSubstitute.Substitute.For<Productivity.Infrastructure.Costs.IPayRateAdministration>());
        Services.AddSingleton(NSubstitute.Substitute.For<Productivity.Infrastructure.Costs.ICostQueries>());
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> after the popover, dialog and snackbar providers, as MainLayout does,
    /// so that menus, dialogs and snackbars appear in the returned markup.
    /// </summary>
    /// <param name="parameters">The component's parameters by name, if any.</param>
    protected IRenderedComponent<ContainerFragment> RenderWithProviders<TComponent>(IReadOnlyDictionary<string, object?>? parameters = null)
        where TComponent : IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(3);
            foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
            {
                builder.AddAttribute(4, name, value);
            }
            builder.CloseComponent();
        });
}
