using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Productivity.Infrastructure.Caching;
using Productivity.Infrastructure.Configuration;
using StackExchange.Redis;

namespace Productivity.Web.Realtime;

public static class RealtimeRegistration
{
    public const string BackplaneChannelPrefix = "productivity:signalr";

    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<HubSessions>();
        builder.Services.AddHostedService<DashboardHubBridge>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[StartupSettings.RedisConnectionKey]))
        {
            // The backplane serves the dashboard hub only: Blazor circuits live on one node (sticky sessions) and need
            // none, and keeping them off it means a Redis outage cannot break an open page.
            builder.Services.AddSingleton<HubLifetimeManager<DashboardHub>, RedisHubLifetimeManager<DashboardHub>>();
            builder.Services.AddOptions<RedisOptions>().Configure<RedisConnection>((options, redis) =>
            {
                options.Configuration.ChannelPrefix = RedisChannel.Literal(BackplaneChannelPrefix);
                options.ConnectionFactory = _ => Task.FromResult(redis.Multiplexer);
            });
        }
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        // A refused negotiate must stay a plain 401 for the client, not be re-executed as the not-found page.
        app.MapHub<DashboardHub>(DashboardHub.Path).WithMetadata(new SkipStatusCodePagesAttribute());
        return app;
    }
}
