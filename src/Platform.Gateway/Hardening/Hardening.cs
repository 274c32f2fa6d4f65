using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Platform.Gateway.Hardening;

/// <summary>
/// The HTTP hardening of the gateway, in one place: forwarded headers only from configured proxies, security headers,
/// CORS only for configured origins, rate limits, no state change from a cross-site form, no <c>Server</c> banner.
/// </summary>
internal static class Hardening
{
    public static WebApplicationBuilder AddPlatformHardening(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var rateLimits = configuration.GetSection("Platform:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.Configure<RateLimitSettings>(configuration.GetSection("Platform:RateLimits"));
        builder.Services.AddSingleton<TenantCreationLimit.Buckets>();
        if (rateLimits.Enabled)
        {
            builder.Services.AddRateLimiter(options => RateLimits.Configure(options, rateLimits));
        }

        var cors = configuration.GetSection("Platform:Cors").Get<CorsSettings>() ?? new CorsSettings();
        if (cors.Origins.Length > 0)
        {
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
                .WithOrigins(cors.Origins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
                .WithHeaders("Authorization", "Content-Type", "If-Match")
                .WithExposedHeaders("ETag", "Location", "Retry-After")));
        }

        var forwarded = configuration.GetSection("Platform:ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        if (forwarded.Configured)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

                // ASP.NET trusts loopback by default; only what is configured is trusted here.
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in forwarded.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in forwarded.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });
        }

        return builder;
    }

    public static WebApplication UsePlatformHardening(this WebApplication app)
    {
        var configuration = app.Configuration;
        if ((configuration.GetSection("Platform:ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings()).Configured)
        {
            app.UseForwardedHeaders();
        }

        app.Use(SecurityHeaders.Apply);
        if ((configuration.GetSection("Platform:Cors").Get<CorsSettings>() ?? new CorsSettings()).Origins.Length > 0)
        {
            app.UseCors();
        }

        app.Use(FormPostGuard.Apply);
        return app;
    }

    /// <summary>The rate limits, after authentication: a signed-in request is counted against its account, one without
    /// a valid token against its address.</summary>
    public static WebApplication UsePlatformRateLimits(this WebApplication app)
    {
        if ((app.Configuration.GetSection("Platform:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings()).Enabled)
        {
            app.Use(RateLimits.CaptureSignInUser);
            app.UseRateLimiter();
        }

        return app;
    }
}
