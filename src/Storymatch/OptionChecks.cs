namespace Storymatch;

/// <summary>Range checks for options: each names the setting and the value it got.</summary>
internal static class OptionChecks
{
    public static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1 (got {value})");
        }
    }

    public static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1 (got {value})");
        }
    }

    public static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive (got {value})");
        }
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive number (got {value})");
        }
    }

    public static void Between(double value, double low, double high, string name)
    {
        if (!(value > low && value < high))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {low} and {high}, exclusive (got {value})");
        }
    }
}
