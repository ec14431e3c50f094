using System.Globalization;

namespace CareDesk.Knowledge.Callers;

/// <summary>Who holds a valid ID number: a citizen (national ID, starts with 1) or a resident (iqama, starts with 2).</summary>
public enum IdHolder
{
    /// <summary>Saudi national ID.</summary>
    Citizen,

    /// <summary>Resident's iqama.</summary>
    Resident,
}

/// <summary>Why an ID number was refused, with the message in Arabic and English.</summary>
/// <param name="Code">empty, not-digits, length, first-digit or check-digit.</param>
/// <param name="MessageAr">What is wrong, in Arabic.</param>
/// <param name="MessageEn">What is wrong, in English.</param>
public sealed record IdProblem(string Code, string MessageAr, string MessageEn);

/// <summary>
/// A Saudi national ID or iqama number: 10 digits, the first 1 (citizen) or 2 (resident), the last a
/// Luhn check digit (digits in odd positions from the left are doubled, the doubled value's digits
/// summed, and the total over all ten must be a multiple of 10).
/// </summary>
public readonly record struct NationalId
{
    private NationalId(string value) => Value = value;

    /// <summary>The 10 ASCII digits.</summary>
    public string Value { get; }

    /// <summary>Citizen or resident, from the first digit.</summary>
    public IdHolder Holder => Value[0] == '1' ? IdHolder.Citizen : IdHolder.Resident;

    /// <summary>The number with all but the first and last three digits hidden: <c>1••••••789</c>.</summary>
    public string Masked => Mask(Value);

    /// <summary>Masks any ID-like text the same way (first digit and last three kept).</summary>
    public static string Mask(string value) =>
        value.Length < 5 ? new string('•', value.Length) : value[0] + new string('•', value.Length - 4) + value[^3..];

    /// <inheritdoc />
    public override string ToString() => Masked;

    /// <summary>
    /// Checks <paramref name="input"/> (spaces and dashes ignored, Arabic-Indic digits accepted) and
    /// says exactly what is wrong when it is not a valid number.
    /// </summary>
    public static bool TryParse(string? input, out NationalId id, out IdProblem? problem)
    {
        id = default;
        problem = null;
        var digits = new List<char>(10);
        foreach (var ch in input ?? "")
        {
            if (ch is ' ' or '-' or '\u200f' or '\u200e')
                continue;
            var d = CharUnicodeInfo.GetDecimalDigitValue(ch);
            if (d < 0)
            {
                problem = new IdProblem("not-digits", $"رقم الهوية يجب أن يحتوي على أرقام فقط، وفيه الحرف «{ch}».",
                    $"The ID number must contain digits only; it contains '{ch}'.");
                return false;
            }
            digits.Add((char)('0' + d));
        }
        if (digits.Count == 0)
        {
            problem = new IdProblem("empty", "أدخل رقم الهوية الوطنية أو رقم الإقامة.", "Enter the national ID or iqama number.");
            return false;
        }
        if (digits.Count != 10)
        {
            problem = new IdProblem("length", $"رقم الهوية يتكون من 10 أرقام، والمدخل {digits.Count} أرقام.",
                $"An ID number has 10 digits; this one has {digits.Count}.");
            return false;
        }
        if (digits[0] is not ('1' or '2'))
        {
            problem = new IdProblem("first-digit", "رقم الهوية يبدأ بالرقم 1 للمواطن أو 2 للمقيم.",
                "An ID number starts with 1 (citizen) or 2 (resident).");
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var d = digits[i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                    d -= 9;
            }
            sum += d;
        }
        if (sum % 10 != 0)
        {
            problem = new IdProblem("check-digit", "رقم الهوية غير صحيح: رقم التحقق الأخير لا يطابق. تأكد من الأرقام مع المتصل.",
                "The ID number is not valid: the check digit does not match. Confirm the digits with the caller.");
            return false;
        }
        id = new NationalId(new string(digits.ToArray()));
        return true;
    }
}
