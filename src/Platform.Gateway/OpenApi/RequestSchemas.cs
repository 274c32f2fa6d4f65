using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// A request body's fields are optional unless the endpoint refuses the body without them: those carry
/// <see cref="RequiredAttribute"/> (<c>[property: Required]</c>). The generator would otherwise take every parameter of
/// a positional record for a required field. A body, and every type it holds, is a request type; a type that is also
/// answered (a framework version, a campaign's cross-check policy) is described as the request takes it.
/// </summary>
internal static class RequestSchemas
{
    private static readonly Lazy<HashSet<Type>> RequestTypes = new(FindRequestTypes);

    public static Task DeclareRequired(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var info = context.JsonTypeInfo;
        if (context.JsonPropertyInfo is null && RequestTypes.Value.Contains(info.Type))
        {
            schema.Required = new HashSet<string>(info.Properties
                .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
                .Select(p => p.Name));
        }

        return Task.CompletedTask;
    }

    private static HashSet<Type> FindRequestTypes()
    {
        var api = typeof(Api.SignInRequest).Namespace;
        var roots = typeof(RequestSchemas).Assembly.GetTypes()
            .Where(t => t.Namespace == api && (t.Name.EndsWith("Request", StringComparison.Ordinal) || typeof(IRequestBody).IsAssignableFrom(t)));
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            if (type.Namespace != api || !found.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var held in Unwrap(property.PropertyType))
                {
                    pending.Push(held);
                }
            }
        }

        return found;
    }

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap) : type.IsArray ? Unwrap(type.GetElementType()!) : [type];
}
