# syntax=docker/dockerfile:1
#
# OpenAlgebra: one container image for the web application and its admin command line.
#
#   docker build -t localhost/openalgebra-web:dev \
#     --build-arg VERSION=1.2.3 --build-arg SOURCE_REVISION="$(git rev-parse HEAD)" .
#
# VERSION and SOURCE_REVISION end up in GET /version ({version, commit}). The build context has no .git
# (see .dockerignore), so the commit has to be passed in; ops/deploy.sh does that.

ARG DOTNET_VERSION=10.0

# ---------------------------------------------------------------------------------------------------
# build: restore with only the project files first (a cached layer while packages do not change),
# then publish the web project framework-dependent into /app.
# ---------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src

COPY global.json Directory.Build.props Directory.Packages.props OpenAlgebra.sln ./
COPY OpenAlgebra.Modules/OpenAlgebra.Modules.csproj OpenAlgebra.Modules/
COPY OpenAlgebra.Web/OpenAlgebra.Web.csproj OpenAlgebra.Web/
RUN dotnet restore OpenAlgebra.Web/OpenAlgebra.Web.csproj

COPY OpenAlgebra.Modules/ OpenAlgebra.Modules/
COPY OpenAlgebra.Web/ OpenAlgebra.Web/

ARG VERSION=0.0.0-dev
ARG SOURCE_REVISION=
RUN dotnet publish OpenAlgebra.Web/OpenAlgebra.Web.csproj \
        --configuration Release \
        --output /app \
        --no-restore \
        -p:Version="${VERSION}" \
        -p:SourceRevisionId="${SOURCE_REVISION}" \
        -p:ContinuousIntegrationBuild=true

# ---------------------------------------------------------------------------------------------------
# runtime: ASP.NET Core runtime, non-root, data under /var/lib/openalgebra.
# ---------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime

# curl serves the HEALTHCHECK below and lets operators probe the app from inside the container
# (`docker compose exec app-blue curl -s localhost:8080/health/ready`).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

ARG VERSION=0.0.0-dev
ARG SOURCE_REVISION=
LABEL org.opencontainers.image.title="OpenAlgebra" \
      org.opencontainers.image.description="Self-hosted medical imaging analysis platform" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${SOURCE_REVISION}"

# ASPNETCORE_HTTP_PORTS is emptied so that ASPNETCORE_URLS alone decides where Kestrel listens.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    OpenAlgebra__DataDirectory=/var/lib/openalgebra

WORKDIR /app
COPY --from=build /app ./

# APP_UID (1654, user "app") is defined by the .NET base images. The data directory is created and
# owned here so that a fresh named volume mounted on it inherits the ownership.
RUN mkdir -p /var/lib/openalgebra \
    && chown "${APP_UID}:${APP_UID}" /var/lib/openalgebra \
    && chmod 0750 /var/lib/openalgebra
VOLUME ["/var/lib/openalgebra"]

USER ${APP_UID}
EXPOSE 8080

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl --fail --silent --show-error --output /dev/null http://127.0.0.1:8080/health/live || exit 1

# Without arguments the server starts; with one, an admin command runs and exits:
#   docker compose exec app-blue dotnet OpenAlgebra.Web.dll audit verify
ENTRYPOINT ["dotnet", "OpenAlgebra.Web.dll"]
