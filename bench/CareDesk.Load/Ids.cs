namespace CareDesk.Load;

/// <summary>Valid Saudi ID numbers for synthetic callers.</summary>
public static class Ids
{
    /// <summary>A citizen ID: 1, eight random digits, and the Luhn check digit (odd positions from the left doubled).</summary>
    public static string NationalId(Random random)
    {
        var digits = new int[10];
        digits[0] = 1;
        for (var i = 1; i < 9; i++)
            digits[i] = random.Next(10);
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var d = i % 2 == 0 ? digits[i] * 2 : digits[i];
            sum += d > 9 ? d - 9 : d;
        }
        digits[9] = (10 - sum % 10) % 10;
        return string.Concat(digits);
    }
}
