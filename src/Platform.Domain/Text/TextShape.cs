namespace Platform.Domain.Text;

/// <summary>Whether a stored text may span lines: a name may not, a note or a reason may.</summary>
public enum TextShape
{
    SingleLine,
    MultiLine,
}
