using Microsoft.AspNetCore.Mvc;

namespace Productivity.Web.Realtime;

public static class RealtimeRegistration
{
    // No SignalR Redis backplane: each node's hub bridge hears every update through the one Redis relay and sends it to
    // its own connections only, so a backplane would carry nothing (docs/decisions/0019-no-signalr-backplane.md).
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<HubSessions>();
        builder.Services.AddHostedService<DashboardHubBridge>();
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        // A refused negotiate must stay a plain 401 for the client, not be re-executed as the not-found page.
        app.MapHub<DashboardHub>(DashboardHub.Path).WithMetadata(new SkipStatusCodePagesAttribute());
        return app;
    }
}
