using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// A request body that can say where its JSON held <c>null</c> in place of a value. System.Text.Json fills a list or a
/// dictionary with the nulls it is sent whatever its element type says (RespectNullableAnnotations covers properties,
/// not elements), so every body checks its own before any endpoint reads it; <see cref="RequestBodyFilter"/> answers 400.
/// </summary>
internal interface IRequestBody
{
    /// <summary>Each null element, named by its path (<c>counts.2.1</c>, <c>dimensions[0].indicators[2]</c>).</summary>
    IEnumerable<FieldError> NullElements();
}
