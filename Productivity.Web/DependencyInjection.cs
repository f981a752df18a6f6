using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Productivity.Infrastructure.Identity;
using Productivity.Web.Api;
using Productivity.Web.Components;
using Productivity.Web.Components.Account;
using Productivity.Web.Exports;
using Productivity.Web.Realtime;
using Productivity.Web.Security;
using Productivity.Web.Telemetry;
using Productivity.Web.Webhooks;

namespace Productivity.Web;

public static class DependencyInjection
{
    public const string UserCookieName = "Productivity.Auth";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        // Serve package assets (MudBlazor) from the build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton(sp => new Components.Shared.MoneyFormat(sp.GetRequiredService<Productivity.Infrastructure.Configuration.StartupSettings>().Currency));

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<IdentityRedirectManager>();
        builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = DisplayAuthentication.SelectorScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        builder.Services.AddAuthentication().AddDisplayAuthentication(builder.Environment, UserCookieName);
        builder.Services.AddOptions<RevalidationOptions>().BindConfiguration(RevalidationOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RevalidationOptions>, RevalidationOptionsValidator>();
        builder.Services.ConfigureApplicationCookie(options => ConfigureCookie(options, builder.Environment));
        builder.Services.AddScoped<CircuitHandler, RevalidateOnActivity>();
        builder.Services.AddRateLimits();
        builder.Services.AddApi();
        builder.Services.AddApiDocuments();
        // Secure outside Development, like the auth cookie (TLS ends at the proxy, which says so in X-Forwarded-Proto).
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy =
            builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        builder.AddRealtime();
        builder.AddTelemetry();
        // The summary e-mails' wording (Infrastructure's reports reach it through this port).
        builder.Services.AddSingleton<Productivity.Infrastructure.Reports.ISummaryMailComposer, Email.SummaryMailComposer>();
        builder.Services.AddSingleton<Productivity.Infrastructure.Alerts.IAlertMailComposer, Email.AlertMailComposer>();

        var forwardedHeaders = ForwardedHeadersSettings.Read(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // TLS terminates at the proxy in front of the nodes; only that proxy may say so (loopback unless configured).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwardedHeaders.ApplyTo(options);
        });
        return builder;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseSignInLimits();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiProblems();
        app.Use(KeepBareStatusAfterFailedAntiforgeryAsync);
        app.UseAuthentication();
        app.UseMiddleware<DisplaySignInMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<RequirePasswordChangeMiddleware>();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        // frame-ancestors is part of SecurityHeadersMiddleware's policy, on every response instead of a second header here.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAdditionalIdentityEndpoints();
        RangeExport.MapRangeExports(app);
        app.MapRealtime();
        app.MapConnecteamWebhook();
        app.MapApi();
        app.MapApiDocuments();
        app.MapTelemetry();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync })
            .AllowAnonymous();
        return app;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options, IWebHostEnvironment environment)
    {
        options.LoginPath = "/Account/Login";
        options.LogoutPath = "/Account/Logout";
        options.AccessDeniedPath = "/Account/AccessDenied";
        options.Cookie.Name = UserCookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        options.ExpireTimeSpan = TimeSpan.FromHours(12);
        options.SlidingExpiration = true;
        // Every request that needs the user checks the cookie's session against the database (SessionCheck) instead of
        // Identity's once-a-minute stamp check: a disabled, locked, demoted or signed-out user's next request is refused.
        options.Events.OnValidatePrincipal = ValidateSessionAsync;
        options.Events.OnSigningIn = context =>
        {
            // "Remember me" keeps the user signed in for 14 days; otherwise the 12-hour sliding session applies.
            if (context.Properties.IsPersistent)
            {
                context.Properties.ExpiresUtc = DateTimeOffset.UtcNow.AddDays(14);
            }
            return Task.CompletedTask;
        };
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        // Static assets and the other anonymous endpoints decide nothing from the user: no database read for each of
        // a page's scripts and styles. Everything that needs the user is checked on every request.
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return;
        }
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
        if (context.Principal is null || !await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>
    /// A status page renders the request a second time, with its own method. After a failed anti-forgery check (a POST
    /// without a token) that second pass reads the form again, the framework throws and the 400 becomes a 500, so such
    /// a request keeps its bare status.
    /// </summary>
    private static async Task KeepBareStatusAfterFailedAntiforgeryAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        // Status and timings only: descriptions never carry connection strings or exception text.
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
