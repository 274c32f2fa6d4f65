using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The OpenAPI document a gateway serves, as a checker of the answers it gives: each response is matched to its
/// documented operation (path template and method), and its status, content type, ETag and Retry-After headers and JSON
/// body (against the response's JSON Schema) must be what the document says. Responses to paths the document does not
/// describe (health, metrics, the document itself, unknown routes) are not checked.
/// </summary>
public sealed class OpenApiContract
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Headers the gateway sends that the document must declare on the response that carries them.</summary>
    private static readonly string[] DeclaredHeaders = ["ETag", "Retry-After"];

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly IReadOnlyList<Operation> _operations;
    private int _checked;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<(string Operation, string Status, string MediaType), JsonSchema> _schemas = new();

    private OpenApiContract(IReadOnlyList<Operation> operations, JsonObject definitions)
    {
        _operations = operations;
        _definitions = definitions;
    }

    /// <summary>How many responses were matched to a documented operation and checked.</summary>
    public int Checked => Volatile.Read(ref _checked);

    public static OpenApiContract Parse(string document)
    {
        // The component schemas become the $defs of every response schema, so each compiles to one JSON Schema.
        var root = JsonNode.Parse(document.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject();
        var definitions = root["components"]?["schemas"]?.AsObject() ?? [];
        var operations = new List<Operation>();
        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is JsonObject op && op["responses"] is JsonObject responses)
                {
                    operations.Add(new Operation(path, method.ToUpperInvariant(), Template(path), Literals(path),
                        (string?)op["operationId"] ?? $"{method} {path}", responses));
                }
            }
        }

        // The most literal template first: /accounts/secretaries before /accounts/{username}.
        return new OpenApiContract([.. operations.OrderByDescending(o => o.Literals)], definitions);
    }

    /// <summary>What in <paramref name="response"/> the document does not allow; empty when it conforms or the request
    /// is not one the document describes.</summary>
    public IReadOnlyList<string> Check(HttpRequestMessage request, HttpResponseMessage response, string? body)
    {
        var path = request.RequestUri!.AbsolutePath;
        path = path.Length > 1 ? path.TrimEnd('/') : path;
        var operation = _operations.FirstOrDefault(o => o.Method == request.Method.Method && o.Path.IsMatch(path));

        // Kestrel refuses a path holding a control character (a NUL) with a bare 400 before any route runs: no
        // operation answered it.
        if (operation is null || Uri.UnescapeDataString(path).Any(char.IsControl))
        {
            return [];
        }

        Interlocked.Increment(ref _checked);
        var where = $"{request.Method} {request.RequestUri.PathAndQuery} ({operation.Id}) answered {(int)response.StatusCode}";
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var documented = operation.Responses[status] as JsonObject
            ?? operation.Responses[status[0] + "XX"] as JsonObject
            ?? operation.Responses["default"] as JsonObject;
        if (documented is null)
        {
            return [$"{where}, a status the document does not list for it (it lists {string.Join(", ", operation.Responses.Select(r => r.Key))}): {Shorten(body)}"];
        }

        var violations = new List<string>();
        var headers = documented["headers"] as JsonObject;
        foreach (var header in DeclaredHeaders)
        {
            if (response.Headers.Contains(header) && headers?.Any(h => string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase)) != true)
            {
                violations.Add($"{where} with a {header} header the document does not declare on that response");
            }
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var content = documented["content"] as JsonObject;
        if (content is null || content.Count == 0)
        {
            // A streamed body has no length: any content type other than an empty body's is a body.
            if (!string.IsNullOrEmpty(body) || mediaType is not null && response.Content.Headers.ContentLength is not 0)
            {
                violations.Add($"{where} with a {mediaType} body where the document declares none: {Shorten(body)}");
            }

            return violations;
        }

        if (mediaType is null)
        {
            if (status != "304")
            {
                violations.Add($"{where} without a body; the document declares {string.Join(", ", content.Select(c => c.Key))}");
            }

            return violations;
        }

        if (content[mediaType] is not JsonObject media)
        {
            violations.Add($"{where} with {mediaType}; the document declares {string.Join(", ", content.Select(c => c.Key))}: {Shorten(body)}");
            return violations;
        }

        if (body is null || media["schema"] is not JsonObject schema)
        {
            return violations;
        }

        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            violations.Add($"{where} with {mediaType} that is not JSON ({e.Message}): {Shorten(body)}");
            return violations;
        }

        var compiled = _schemas.GetOrAdd((operation.Id, status, mediaType), _ => Compile(schema));
        var result = compiled.Evaluate(instance, Evaluation);
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                .Distinct()
                .Take(8);
            violations.Add($"{where} with a body its schema refuses: {string.Join("; ", errors)}; body: {Shorten(body)}");
        }

        return violations;
    }

    private JsonSchema Compile(JsonObject schema)
    {
        var whole = schema.DeepClone().AsObject();
        whole["$defs"] = _definitions.DeepClone();
        return JsonSchema.FromText(whole.ToJsonString());
    }

    private static Regex Template(string path) =>
        new("^" + Regex.Replace(Regex.Escape(path), @"\\\{[^/]+?}", "[^/]+") + "$", RegexOptions.CultureInvariant);

    private static int Literals(string path) => path.Split('/').Count(s => s.Length > 0 && !s.StartsWith('{'));

    private static string Shorten(string? body) => body is null ? "(no body)" : body.Length <= 600 ? body : body[..600] + "…";

    /// <summary>Whether a body of this type is read and checked (JSON); files are checked by type alone.</summary>
    public static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && (media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal));

    private sealed record Operation(string Template, string Method, Regex Path, int Literals, string Id, JsonObject Responses);
}

/// <summary>A response that does not match the OpenAPI document the gateway serves.</summary>
public sealed class OpenApiContractViolationException(IReadOnlyList<string> violations)
    : Exception("The response breaks the OpenAPI document:\n" + string.Join("\n", violations))
{
    public IReadOnlyList<string> Violations { get; } = violations;
}

/// <summary>
/// Checks every response that passes through it against the gateway's <see cref="OpenApiContract"/> and throws
/// <see cref="OpenApiContractViolationException"/> on any violation, so the test that received it fails. The document is
/// read from the gateway once, on first use.
/// </summary>
public sealed class ContractCheckingHandler(Func<CancellationToken, Task<OpenApiContract>> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri?.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) != true)
        {
            return response;
        }

        string? body = null;
        if (OpenApiContract.IsJson(response.Content.Headers.ContentType) && request.Method != HttpMethod.Head)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        var violations = (await contract(cancellationToken)).Check(request, response, body);
        if (violations.Count > 0)
        {
            response.Dispose();
            throw new OpenApiContractViolationException(violations);
        }

        return response;
    }
}

/// <summary>The contract of one gateway, read once from <c>/openapi/v1.json</c> when first needed.</summary>
public sealed class ContractSource(Uri address)
{
    private readonly Lazy<Task<OpenApiContract>> _contract = new(async () =>
    {
        using var http = new HttpClient { BaseAddress = address };
        var text = await http.GetStringAsync(OpenApiContract.DocumentPath);
        return OpenApiContract.Parse(text);
    });

    public Task<OpenApiContract> GetAsync(CancellationToken cancellationToken) => _contract.Value.WaitAsync(cancellationToken);

    /// <summary>A transport that checks every answer against this contract.</summary>
    public HttpMessageHandler Transport() => new ContractCheckingHandler(GetAsync) { InnerHandler = new SocketsHttpHandler() };
}
