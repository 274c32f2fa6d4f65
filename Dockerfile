# syntax=docker/dockerfile:1
# The platform's two images from one build (docs/production.md):
#   docker build --target gateway -t platform-gateway .   # the HTTP gateway (Orleans client in the cluster mode); also runs `migrate`
#   docker build --target silo    -t platform-silo    .   # the silo host, src/Platform.Silo (health probes on 8080 only)
# Both are framework-dependent and published for linux-x64 only, run as the images' non-root `app` user, and listen for
# HTTP (health probes; the gateway's API) on 8080.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /source
# What the build reads and nothing else (.dockerignore keeps bin/ obj/ data/ out of the context).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY infra/sql/ infra/sql/
COPY src/ src/
# linux-x64 only: one native SQLite (libe_sqlite3.so) instead of 22 platforms' under runtimes/; ContainerPublish.props
# drops the Roslyn assemblies the Orleans packages pull in. No apphost: the images start `dotnet <name>.dll`.
RUN dotnet publish src/Platform.Gateway -c Release -r linux-x64 --self-contained false -p:UseAppHost=false -o /app/gateway
RUN dotnet publish src/Platform.Silo -c Release -r linux-x64 --self-contained false -p:UseAppHost=false -o /app/silo

FROM ${RUNTIME_IMAGE} AS runtime-base
# The embedded mode (no Platform__Storage__Mode) keeps its SQLite file and first-start credentials here; mount a volume.
# The cluster mode writes nothing to disk.
ENV Platform__Sqlite__Path=/data/platform.db \
    ASPNETCORE_HTTP_PORTS=8080
RUN mkdir -p /data && chown "$APP_UID" /data
WORKDIR /app
EXPOSE 8080

FROM runtime-base AS silo
COPY --from=build /app/silo ./
# 11111: silo-to-silo; 30000: Orleans clients (the gateways).
EXPOSE 11111 30000
USER $APP_UID
ENTRYPOINT ["dotnet", "Platform.Silo.dll"]

# Last, so a plain `docker build .` builds the gateway.
FROM runtime-base AS gateway
COPY --from=build /app/gateway ./
USER $APP_UID
ENTRYPOINT ["dotnet", "Platform.Gateway.dll"]
