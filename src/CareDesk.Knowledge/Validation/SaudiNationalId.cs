namespace CareDesk.Knowledge.Validation;

/// <summary>
/// Saudi national ID and iqama numbers: ten digits, the first <c>1</c> (citizen) or <c>2</c>
/// (resident), the last a Luhn check digit over the first nine.
/// </summary>
public static class SaudiNationalId
{
    /// <summary>Why a value is not a valid ID number.</summary>
    public enum Problem
    {
        /// <summary>The value is valid.</summary>
        None,

        /// <summary>Nothing was entered.</summary>
        Empty,

        /// <summary>Not exactly ten digits.</summary>
        NotTenDigits,

        /// <summary>Does not start with 1 (national ID) or 2 (iqama).</summary>
        BadPrefix,

        /// <summary>The check digit does not match.</summary>
        BadCheckDigit,
    }

    /// <summary>True when <paramref name="value"/> (spaces allowed around it) is a valid ID or iqama number.</summary>
    public static bool IsValid(string? value) => Check(value) == Problem.None;

    /// <summary>What is wrong with <paramref name="value"/>, or <see cref="Problem.None"/>.</summary>
    public static Problem Check(string? value)
    {
        var s = Normalize(value);
        if (s.Length == 0)
            return Problem.Empty;
        if (s.Length != 10 || !s.All(char.IsAsciiDigit))
            return Problem.NotTenDigits;
        if (s[0] is not ('1' or '2'))
            return Problem.BadPrefix;
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var d = s[i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                    d -= 9;
            }
            sum += d;
        }
        return sum % 10 == 0 ? Problem.None : Problem.BadCheckDigit;
    }

    /// <summary>The value trimmed, with Arabic-Indic digits (٠–٩, ۰–۹) turned into ASCII digits.</summary>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "";
        var chars = value.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (chars[i] - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (chars[i] - '\u06F0')),
                _ => chars[i],
            };
        }
        return new string(chars);
    }
}
