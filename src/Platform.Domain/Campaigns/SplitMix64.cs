namespace Platform.Domain.Campaigns;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator whose every output is fixed by its published definition.
/// Draws must replay identically years later on whatever runtime then hosts the platform; <see cref="Random"/> makes no
/// promise that its sequence for a seed survives a .NET upgrade.
/// </summary>
internal sealed class SplitMix64(ulong state)
{
    private const ulong Increment = 0x9E3779B97F4A7C15;

    private ulong _state = state;

    /// <summary>
    /// A generator for one named stream of a seed. Giving each city its own stream keeps a city's sample fixed when another
    /// city's candidates change, so a city can replay its own draw from the seed and its own list alone.
    /// </summary>
    public static SplitMix64 For(long seed, string stream) => new(Mix(unchecked((ulong)seed) ^ Mix(Fnv1a(stream))));

    public ulong Next()
    {
        unchecked
        {
            _state += Increment;
        }

        return Mix(_state);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>). Rejects the top few outputs, which a plain modulo would map onto the
    /// smallest results more often than the rest.</summary>
    public int Below(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (ulong)bound;
        var excess = (ulong.MaxValue % range + 1) % range;
        ulong value;
        do
        {
            value = Next();
        }
        while (excess != 0 && value > ulong.MaxValue - excess);

        return (int)(value % range);
    }

    /// <summary>
    /// Moves a uniformly random choice of <paramref name="count"/> items, in uniformly random order, to the front of
    /// <paramref name="items"/> (the first <paramref name="count"/> steps of Fisher–Yates), so a sample costs
    /// <paramref name="count"/> draws however long the list is. A count of the whole list shuffles it.
    /// </summary>
    public void ShuffleFront<T>(IList<T> items, int count)
    {
        for (var i = 0; i < Math.Min(count, items.Count - 1); i++)
        {
            var j = i + Below(items.Count - i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var unit in text)
        {
            unchecked
            {
                hash = (hash ^ unit) * 1099511628211UL;
            }
        }

        return hash;
    }
}
