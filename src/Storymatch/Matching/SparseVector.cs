namespace Storymatch.Matching;

/// <summary>
/// A sparse term vector: keys sorted ascending, one weight per key (raw counts; IDF is applied when scoring,
/// since document frequencies change as articles arrive). Optional labels say what each key stands for
/// (entity, number, date), for evidence.
/// </summary>
internal sealed class SparseVector
{
    /// <summary>The vector with no terms.</summary>
    public static readonly SparseVector Empty = new([], [], null);

    internal SparseVector(ulong[] keys, float[] weights, string[]? labels)
    {
        Keys = keys;
        Weights = weights;
        Labels = labels;
    }

    /// <summary>Term keys, sorted ascending, distinct.</summary>
    public ulong[] Keys { get; }

    /// <summary>The weight (count) of each key.</summary>
    public float[] Weights { get; }

    /// <summary>A human-readable form of each key (its first spelling in the text), or null for plain words.</summary>
    public string[]? Labels { get; }

    public int Count => Keys.Length;

    /// <summary>The label of the term at <paramref name="index"/>, or its key in hex when the vector has no labels.</summary>
    public string LabelAt(int index) => Labels is null ? Keys[index].ToString("x16", System.Globalization.CultureInfo.InvariantCulture) : Labels[index];

    /// <summary>Builds a vector from accumulated weights (and labels, when given).</summary>
    internal static SparseVector From(Dictionary<ulong, float> weights, Dictionary<ulong, string>? labels = null)
    {
        if (weights.Count == 0)
        {
            return Empty;
        }

        ulong[] keys = new ulong[weights.Count];
        float[] values = new float[weights.Count];
        int i = 0;
        foreach (KeyValuePair<ulong, float> kv in weights)
        {
            keys[i] = kv.Key;
            values[i] = kv.Value;
            i++;
        }

        Array.Sort(keys, values);
        string[]? names = null;
        if (labels is not null)
        {
            names = new string[keys.Length];
            for (int j = 0; j < keys.Length; j++)
            {
                names[j] = labels.TryGetValue(keys[j], out string? label) ? label : string.Empty;
            }
        }

        return new SparseVector(keys, values, names);
    }
}
