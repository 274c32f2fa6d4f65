namespace Platform.Domain.Framework;

/// <summary>How an indicator's points come about.</summary>
public enum IndicatorRule
{
    /// <summary>A reviewer awards 0..max.</summary>
    Checked = 0,

    /// <summary>Computed from records: held ÷ required × max, capped at max (e.g. 支委会 held this year).</summary>
    Counted = 1,

    /// <summary>Follows from a fact: met earns max, not met earns 0 (e.g. committee term not overdue).</summary>
    Derived = 2,
}
