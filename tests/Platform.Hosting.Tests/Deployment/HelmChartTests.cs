using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Platform.Hosting.Tests.Deployment;

/// <summary>
/// What can be checked of helm/platform without Helm or a cluster: the static YAML, the values the templates use, and
/// the template text for the fields production needs. The templates are never rendered here (no Go template engine),
/// so a mistake that only rendering shows (a wrong indent, a sprig function misused) is not caught: run `helm lint`.
/// </summary>
public sealed class HelmChartTests
{
    private static readonly HelmChart Chart = HelmChart.Load();

    private static readonly string[] PodTemplates = ["silo-deployment.yaml", "gateway-deployment.yaml", "migration-job.yaml"];

    [Fact]
    public void Chart_yaml_names_a_v2_application_chart_with_versions()
    {
        Assert.Equal("v2", Scalar(Chart.Chart, "apiVersion"));
        Assert.Equal("platform", Scalar(Chart.Chart, "name"));
        Assert.Equal("application", Scalar(Chart.Chart, "type"));
        Assert.Matches(@"^\d+\.\d+\.\d+", Scalar(Chart.Chart, "version"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(Chart.Chart, "appVersion")));
    }

    [Fact]
    public void Every_values_path_a_template_uses_exists_in_values_yaml()
    {
        var used = Chart.ValuesPathsUsed().ToList();
        Assert.NotEmpty(used);
        var missing = used.Where(use => Chart.Value(use.Path) is null).Select(use => $"{use.File}: .Values.{use.Path}").Distinct().ToList();
        Assert.True(missing.Count == 0, "values.yaml lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_value_in_values_yaml_is_used_by_a_template()
    {
        var used = Chart.ValuesPathsUsed().Select(use => use.Path).ToHashSet(StringComparer.Ordinal);
        // A value counts as used when it or a map above it is (toYaml passes resources and security contexts whole).
        var unused = Chart.LeafPaths().Where(leaf => !Ancestors(leaf).Any(used.Contains)).ToList();
        Assert.True(unused.Count == 0, "values.yaml has values no template reads: " + string.Join(", ", unused));
    }

    [Fact]
    public void Every_value_is_documented_by_the_comment_above_it()
    {
        var lines = Chart.ValuesText.Split('\n');
        var undocumented = new List<string>();
        for (var index = 0; index < lines.Length; index++)
        {
            var key = Regex.Match(lines[index], @"^\s*([A-Za-z_][\w-]*):\s*(\S.*)?$");
            var isLeaf = key.Success && key.Groups[2].Success && !key.Groups[2].Value.StartsWith('#');
            if (!isLeaf)
            {
                continue;
            }

            var above = index - 1;
            while (above >= 0 && string.IsNullOrWhiteSpace(lines[above]))
            {
                above--;
            }

            if (above < 0 || !lines[above].TrimStart().StartsWith('#'))
            {
                undocumented.Add($"line {index + 1}: {key.Groups[1].Value}");
            }
        }

        Assert.True(undocumented.Count == 0, "values without a comment: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void The_chart_has_every_object_production_needs()
    {
        var kinds = Chart.Templates.Values
            .SelectMany(text => Regex.Matches(text, @"^kind:\s*(\w+)", RegexOptions.Multiline))
            .Select(match => match.Groups[1].Value)
            .ToList();

        Assert.Equal(2, kinds.Count(kind => kind == "Deployment"));
        foreach (var kind in new[] { "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress", "Job", "ConfigMap", "ServiceMonitor", "ServiceAccount" })
        {
            Assert.Contains(kind, kinds);
        }

        Assert.Contains("NOTES.txt", Chart.Templates.Keys);
        Assert.DoesNotContain("Role", kinds);
        Assert.DoesNotContain("ClusterRole", kinds);
        Assert.DoesNotContain("RoleBinding", kinds);
    }

    [Fact]
    public void Template_actions_are_closed_and_every_include_is_defined()
    {
        var defined = Regex.Matches(Chart.Template("_helpers.tpl"), @"\{\{-?\s*define\s+""([^""]+)""").Select(match => match.Groups[1].Value).ToHashSet();
        foreach (var (file, text) in Chart.Templates)
        {
            Assert.True(Regex.Count(text, @"\{\{") == Regex.Count(text, @"\}\}"), $"{file}: unbalanced {{{{ }}}}");
            var opened = Regex.Count(text, @"\{\{-?\s*(if|with|range|define)\b");
            var closed = Regex.Count(text, @"\{\{-?\s*end\s*-?\}\}");
            Assert.True(opened == closed, $"{file}: {opened} blocks opened, {closed} closed");
            foreach (Match include in Regex.Matches(text, @"include\s+""([^""]+)"""))
            {
                Assert.True(defined.Contains(include.Groups[1].Value), $"{file}: include \"{include.Groups[1].Value}\" is not defined in _helpers.tpl");
            }
        }
    }

    [Fact]
    public void A_silo_takes_its_name_and_address_from_its_pod()
    {
        var silo = Chart.Template("silo-deployment.yaml");
        Assert.Matches(EnvFromField("POD_NAME", "metadata.name"), silo);
        Assert.Matches(EnvFromField("POD_IP", "status.podIP"), silo);
        Assert.Matches(@"- name: Platform__Cluster__SiloName\s+value: \$\(POD_NAME\)", silo);
        Assert.Matches(@"- name: Platform__Cluster__AdvertisedIPAddress\s+value: \$\(POD_IP\)", silo);
        // Kubernetes expands $(VAR) only from variables declared earlier in the list.
        Assert.True(silo.IndexOf("name: POD_NAME", StringComparison.Ordinal) < silo.IndexOf("value: $(POD_NAME)", StringComparison.Ordinal));
        Assert.True(silo.IndexOf("name: POD_IP", StringComparison.Ordinal) < silo.IndexOf("value: $(POD_IP)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo-deployment.yaml")]
    [InlineData("gateway-deployment.yaml")]
    public void Each_tier_is_probed_live_and_ready_on_its_http_port(string template)
    {
        var text = Chart.Template(template);
        Assert.Matches(@"livenessProbe:\s+httpGet:\s+path: /health/live\s+port: http", text);
        Assert.Matches(@"readinessProbe:\s+httpGet:\s+path: /health/ready\s+port: http", text);
        Assert.Matches(@"- name: http\s+containerPort: 8080", text);
    }

    [Theory]
    [InlineData("silo-deployment.yaml")]
    [InlineData("gateway-deployment.yaml")]
    public void A_rollout_starts_the_new_pod_before_it_stops_an_old_one(string template)
    {
        Assert.Matches(@"rollingUpdate:\s+maxUnavailable: 0\s+maxSurge: 1", Chart.Template(template));
    }

    [Theory]
    [InlineData("silo", "silo-deployment.yaml")]
    [InlineData("gateway", "gateway-deployment.yaml")]
    public void Kubernetes_waits_longer_than_the_host_shuts_down(string tier, string template)
    {
        Assert.True(Chart.IntValue($"{tier}.terminationGracePeriodSeconds") > Chart.IntValue($"{tier}.shutdownTimeoutSeconds"),
            $"{tier}: the default grace period must be longer than the shutdown timeout");

        var text = Chart.Template(template);
        Assert.Contains($"terminationGracePeriodSeconds: {{{{ .Values.{tier}.terminationGracePeriodSeconds }}}}", text, StringComparison.Ordinal);
        Assert.Matches($@"- name: DOTNET_shutdownTimeoutSeconds\s+value: \{{\{{ \.Values\.{tier}\.shutdownTimeoutSeconds \| quote \}}\}}", text);
        // Values that break the rule fail the render instead of deploying.
        Assert.Matches($@"if le \(int \.Values\.{tier}\.terminationGracePeriodSeconds\) \(int \.Values\.{tier}\.shutdownTimeoutSeconds\)[^\n]*\n[^\n]*fail ", text);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    [InlineData("migration")]
    public void Pods_request_cpu_and_are_never_cpu_limited(string tier)
    {
        Assert.NotNull(Chart.Value($"{tier}.resources.requests.cpu"));
        Assert.NotNull(Chart.Value($"{tier}.resources.limits.memory"));
        Assert.Null(Chart.Value($"{tier}.resources.limits.cpu"));
        // The templates take resources from values alone, so no limit can be written into a template either.
        Assert.All(Chart.Templates, template => Assert.DoesNotContain("limits:", template.Value, StringComparison.Ordinal));
        Assert.Contains(Chart.Templates.Values, text => text.Contains($"toYaml .Values.{tier}.resources", StringComparison.Ordinal));
    }

    [Fact]
    public void Silos_have_a_disruption_budget_selecting_only_silos()
    {
        var budget = Chart.Template("silo-pdb.yaml");
        Assert.Contains("apiVersion: policy/v1\nkind: PodDisruptionBudget", budget, StringComparison.Ordinal);
        Assert.Contains("maxUnavailable: {{ .Values.silo.podDisruptionBudget.maxUnavailable }}", budget, StringComparison.Ordinal);
        Assert.Contains("\"component\" \"silo\"", budget, StringComparison.Ordinal);
        Assert.Equal("true", Scalar(Chart.Value("silo.podDisruptionBudget"), "enabled"));
        Assert.True(Chart.IntValue("silo.podDisruptionBudget.maxUnavailable") < Chart.IntValue("silo.replicaCount"));
    }

    [Fact]
    public void The_migration_runs_before_install_and_upgrade_with_its_secret_created_first()
    {
        var job = Chart.Template("migration-job.yaml");
        Assert.Contains("kind: Job", job, StringComparison.Ordinal);
        Assert.Contains("\"helm.sh/hook\": pre-install,pre-upgrade", job, StringComparison.Ordinal);
        Assert.Contains("args: [\"migrate\"]", job, StringComparison.Ordinal);
        Assert.Contains("\"image\" .Values.image.gateway", job, StringComparison.Ordinal);
        Assert.Contains("restartPolicy: Never", job, StringComparison.Ordinal);

        // Hooks run before the release's objects exist: the Job cannot read the chart's ConfigMap or Secret on install.
        Assert.DoesNotContain("configMapRef", job, StringComparison.Ordinal);
        Assert.DoesNotContain("platform.secretName", job, StringComparison.Ordinal);
        var secret = Chart.Template("migration-secret.yaml");
        Assert.Contains("\"helm.sh/hook\": pre-install,pre-upgrade", secret, StringComparison.Ordinal);
        Assert.True(HookWeight(secret) < HookWeight(job), "the migration's secret must be created before the Job");
        // Deleting the secret when it "succeeds" would delete it before the Job reads it.
        Assert.DoesNotContain("hook-succeeded", secret, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_reach_the_pods_only_through_secret_references()
    {
        var config = Chart.Template("configmap.yaml");
        Assert.DoesNotContain("ConnectionStrings", config, StringComparison.Ordinal);
        Assert.DoesNotContain("SigningKeys", config, StringComparison.Ordinal);
        Assert.Contains("Platform__Storage__Mode: PostgreSql", config, StringComparison.Ordinal);
        Assert.Contains("Platform__Cluster__Mode: AdoNet", config, StringComparison.Ordinal);

        Assert.Matches(@"- name: ConnectionStrings__Platform\s+valueFrom:\s+secretKeyRef:", Chart.Template("_helpers.tpl"));
        Assert.Contains("include \"platform.connectionStringEnv\"", Chart.Template("silo-deployment.yaml"), StringComparison.Ordinal);
        var gateway = Chart.Template("gateway-deployment.yaml");
        Assert.Contains("include \"platform.connectionStringEnv\"", gateway, StringComparison.Ordinal);
        Assert.Matches(@"- name: Platform__Auth__SigningKeys__0__Id\s+valueFrom:\s+secretKeyRef:", gateway);
        Assert.Matches(@"- name: Platform__Auth__SigningKeys__0__Pem\s+valueFrom:\s+secretKeyRef:", gateway);

        // A changed connection string or key rolls the pods (an existing Secret is the operator's to roll).
        Assert.All(new[] { "silo-deployment.yaml", "gateway-deployment.yaml" }, template =>
            Assert.Contains("checksum/secret: {{ include (print $.Template.BasePath \"/secret.yaml\") . | sha256sum }}", Chart.Template(template), StringComparison.Ordinal));

        Assert.Equal("", Scalar(Chart.Value("secret"), "connectionString"));
        Assert.Equal("", Scalar(Chart.Value("secret"), "signingKeyPem"));
    }

    [Fact]
    public void No_pod_gets_a_kubernetes_api_token()
    {
        Assert.All(PodTemplates, template => Assert.Contains("automountServiceAccountToken: false", Chart.Template(template), StringComparison.Ordinal));
        Assert.Contains("automountServiceAccountToken: false", Chart.Template("serviceaccount.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_run_as_the_images_non_root_user_on_a_read_only_root()
    {
        Assert.Equal("true", Scalar(Chart.Value("podSecurityContext"), "runAsNonRoot"));
        Assert.Equal("1654", Scalar(Chart.Value("podSecurityContext"), "runAsUser"));
        Assert.Equal("true", Scalar(Chart.Value("containerSecurityContext"), "readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(Chart.Value("containerSecurityContext"), "allowPrivilegeEscalation"));
        Assert.All(PodTemplates, template =>
        {
            var text = Chart.Template(template);
            Assert.Contains("toYaml .Values.podSecurityContext", text, StringComparison.Ordinal);
            Assert.Contains("toYaml .Values.containerSecurityContext", text, StringComparison.Ordinal);
            Assert.Matches(@"- name: tmp\s+mountPath: /tmp", text);
        });
    }

    [Fact]
    public void The_gateway_autoscales_on_cpu_between_its_bounds()
    {
        var autoscaler = Chart.Template("gateway-hpa.yaml");
        Assert.Contains("apiVersion: autoscaling/v2", autoscaler, StringComparison.Ordinal);
        Assert.Contains("name: cpu", autoscaler, StringComparison.Ordinal);
        Assert.True(Chart.IntValue("gateway.autoscaling.minReplicas") <= Chart.IntValue("gateway.autoscaling.maxReplicas"));
        // With the autoscaler on, a fixed replica count would fight it on every upgrade.
        Assert.Matches(@"if not \.Values\.gateway\.autoscaling\.enabled \}\}\s+replicas:", Chart.Template("gateway-deployment.yaml"));
    }

    [Fact]
    public void The_gateway_pods_are_orleans_clients_with_a_writable_folder_for_the_first_start_credentials()
    {
        var gateway = Chart.Template("gateway-deployment.yaml");
        Assert.Matches(@"- name: Platform__Gateway__Mode\s+value: Client", gateway);
        Assert.Matches(@"- name: Platform__Auth__Folder\s+value: /var/lib/platform", gateway);
        // The root file system is read-only: the folder must be a volume.
        Assert.Matches(@"- name: state\s+mountPath: /var/lib/platform", gateway);
        Assert.Matches(@"- name: state\s+emptyDir: \{\}", gateway);
        // It answers HTTP only once a silo does: the startup probe, not the liveness probe, waits for that.
        Assert.Matches(@"startupProbe:\s+httpGet:\s+path: /health/live\s+port: http", gateway);
        Assert.DoesNotContain("Platform__Gateway__Mode", Chart.Template("silo-deployment.yaml"), StringComparison.Ordinal);
        Assert.Equal("false", Scalar(Chart.Value("platform"), "seedDemo"));
    }

    [Fact]
    public void Every_platform_setting_the_chart_gives_is_one_the_code_reads()
    {
        var given = Chart.Templates.Values.SelectMany(text => Regex.Matches(text, @"\bPlatform__(\w+)").Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Contains("Cluster__SiloPort", given);
        Assert.Contains("Cluster__ClientPort", given);
        foreach (var setting in given)
        {
            var path = setting.Split("__");
            // The gateway's own sections (Auth, Gateway, Seed) are not in Platform.Hosting; the rest must bind to PlatformSettings.
            if (path[0] is "Auth" or "Gateway" or "Seed")
            {
                continue;
            }

            var type = typeof(PlatformSettings);
            foreach (var name in path.TakeWhile(_ => type is not null))
            {
                var property = type!.GetProperty(name);
                Assert.True(property is not null, $"the chart sets Platform__{setting}, but {type.Name} has no {name}");
                type = property.PropertyType.IsClass && property.PropertyType != typeof(string) ? property.PropertyType : null;
            }
        }
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var end = path.Length; end > 0; end = path.LastIndexOf('.', end - 1))
        {
            yield return path[..end];
        }
    }

    private static string EnvFromField(string name, string fieldPath) =>
        $@"- name: {name}\s+valueFrom:\s+fieldRef:\s+fieldPath: {Regex.Escape(fieldPath)}";

    private static int HookWeight(string template) =>
        int.Parse(Regex.Match(template, @"""helm\.sh/hook-weight"": ""(-?\d+)""").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Scalar(YamlNode? mapping, string key) =>
        Assert.IsType<YamlScalarNode>(Assert.IsType<YamlMappingNode>(mapping).Children[new YamlScalarNode(key)]).Value ?? "";
}
