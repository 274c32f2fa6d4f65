using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Platform.Hosting.Tests.Deployment;

/// <summary>The Dockerfile and the compose file, read as text and YAML: no Docker engine exists where the tests run,
/// so no image is built here.</summary>
public sealed class ContainerTests
{
    private static readonly string Dockerfile = RepositoryFiles.Read("Dockerfile");

    [Fact]
    public void Both_images_are_published_for_linux_x64_only_and_framework_dependent()
    {
        var publishes = Regex.Matches(Dockerfile, @"dotnet publish src/(Platform\.\w+)[^\n]*").ToList();
        Assert.Equal(["Platform.Gateway", "Platform.Silo"], publishes.Select(publish => publish.Groups[1].Value));
        Assert.All(publishes, publish =>
        {
            Assert.Contains("-r linux-x64", publish.Value, StringComparison.Ordinal);
            Assert.Contains("--self-contained false", publish.Value, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("gateway", "Platform.Gateway.dll")]
    [InlineData("silo", "Platform.Silo.dll")]
    public void Each_image_runs_its_process_as_the_non_root_user(string target, string assembly)
    {
        var stage = Regex.Match(Dockerfile, $@"^FROM \S+ AS {target}\n(.*?)(?=^FROM |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(stage.Success, $"the Dockerfile has no `{target}` stage");
        var user = stage.Value.IndexOf("USER $APP_UID", StringComparison.Ordinal);
        var entrypoint = stage.Value.IndexOf($"ENTRYPOINT [\"dotnet\", \"{assembly}\"]", StringComparison.Ordinal);
        Assert.True(user >= 0 && entrypoint > user, $"`{target}` must switch to the non-root user before its entrypoint");
    }

    [Fact]
    public void The_projects_the_images_run_leave_the_compiler_assemblies_out()
    {
        foreach (var project in new[] { "src/Platform.Gateway/Platform.Gateway.csproj", "src/Platform.Silo/Platform.Silo.csproj" })
        {
            Assert.Contains(@"<Import Project=""..\ContainerPublish.props"" />", RepositoryFiles.Read(project), StringComparison.Ordinal);
        }

        var publish = RepositoryFiles.Read("src/ContainerPublish.props");
        Assert.Contains(@"<PackageReference Include=""Microsoft.CodeAnalysis.Workspaces.Common"" ExcludeAssets=""runtime"" />", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_runs_postgres_the_migration_two_silos_a_gateway_and_a_collector()
    {
        var compose = HelmChart.ParseMapping(RepositoryFiles.Read("infra/docker-compose.yml"));
        var services = Assert.IsType<YamlMappingNode>(compose.Children[new YamlScalarNode("services")]);
        Assert.Equal(["postgres", "migrate", "silo-1", "silo-2", "gateway", "otel-collector"], services.Children.Keys.Select(key => ((YamlScalarNode)key).Value));

        var migrate = Assert.IsType<YamlMappingNode>(services.Children[new YamlScalarNode("migrate")]);
        Assert.Equal("migrate", ((YamlScalarNode)((YamlSequenceNode)migrate.Children[new YamlScalarNode("command")]).Children.Single()).Value);
        foreach (var silo in new[] { "silo-1", "silo-2" })
        {
            var environment = (YamlMappingNode)((YamlMappingNode)services.Children[new YamlScalarNode(silo)]).Children[new YamlScalarNode("environment")];
            Assert.Equal(silo, ((YamlScalarNode)environment.Children[new YamlScalarNode("Platform__Cluster__SiloName")]).Value);
            Assert.Equal("PostgreSql", ((YamlScalarNode)environment.Children[new YamlScalarNode("Platform__Storage__Mode")]).Value);
        }

        var gateway = (YamlMappingNode)((YamlMappingNode)services.Children[new YamlScalarNode("gateway")]).Children[new YamlScalarNode("environment")];
        Assert.Equal("Client", ((YamlScalarNode)gateway.Children[new YamlScalarNode("Platform__Gateway__Mode")]).Value);
        Assert.Equal("/data", ((YamlScalarNode)gateway.Children[new YamlScalarNode("Platform__Auth__Folder")]).Value);

        HelmChart.ParseMapping(RepositoryFiles.Read("infra/otel-collector.yaml"));
    }

    [Fact]
    public void The_silo_image_is_published_from_src_Platform_Silo_unconditionally()
    {
        Assert.True(File.Exists(RepositoryFiles.PathOf("src/Platform.Silo/Platform.Silo.csproj")), "src/Platform.Silo is missing");
        Assert.Matches(@"(?m)^RUN dotnet publish src/Platform\.Silo ", Dockerfile);
        Assert.DoesNotContain("does not exist yet", Dockerfile, StringComparison.Ordinal);
    }
}
