namespace Platform.Domain.Hierarchy;

/// <summary>A rejected input, naming the field it is about, so the API can answer with problem details that point at it.</summary>
[GenerateSerializer, Immutable, Alias("FieldError")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
