using System.Security.Claims;
using System.Text.RegularExpressions;
using CareDesk.Features.Audit;
using Microsoft.AspNetCore.Authorization;

namespace CareDesk.Features.Accounts;

public enum PersonalDataKind
{
    /// <summary>A Saudi national ID (starts with 1) or an iqama (starts with 2): 10 digits.</summary>
    NationalId,
    Iban,
    Phone,
}

/// <summary>
/// How ID numbers, IBANs and phone numbers are shown: masked, always. The full value is shown only
/// through <see cref="PersonalDataReveal"/>, which checks the policy and writes the audit row.
/// </summary>
public static partial class PersonalData
{
    public const char Dot = '•';

    public static string Mask(PersonalDataKind kind, string value) => kind switch
    {
        PersonalDataKind.NationalId => MaskNationalId(value),
        PersonalDataKind.Iban => MaskIban(value),
        PersonalDataKind.Phone => MaskPhone(value),
        _ => new string(Dot, 6),
    };

    /// <summary><c>1234567890</c> → <c>1••••••890</c>: the first digit (citizen or resident) and the last three.</summary>
    public static string MaskNationalId(string value)
    {
        var v = Compact(value);
        return v.Length < 6 ? new string(Dot, v.Length) : v[0] + new string(Dot, v.Length - 4) + v[^3..];
    }

    /// <summary><c>SA0380000000608010167519</c> → <c>SA••••••••••••••••••7519</c>: the country code and the last four.</summary>
    public static string MaskIban(string value)
    {
        var v = Compact(value).ToUpperInvariant();
        return v.Length < 8 ? new string(Dot, v.Length) : v[..2] + new string(Dot, v.Length - 6) + v[^4..];
    }

    /// <summary><c>0551234567</c> → <c>••••••4567</c>: the last four (three for short numbers).</summary>
    public static string MaskPhone(string value)
    {
        var v = Compact(value);
        var keep = v.Length >= 9 ? 4 : v.Length >= 6 ? 3 : 0;
        return new string(Dot, v.Length - keep) + v[^keep..];
    }

    /// <summary>Masks every national ID, iqama and Saudi IBAN found in free text (log messages, notes).</summary>
    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        text = IbanPattern().Replace(text, m => MaskIban(m.Value));
        return IdPattern().Replace(text, m => MaskNationalId(m.Value));
    }

    private static string Compact(string value) => new(value.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    [GeneratedRegex(@"(?<![0-9])[12][0-9]{9}(?![0-9])")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\bSA[0-9]{2}(?:\s?[0-9A-Z]{4}){5}\b", RegexOptions.IgnoreCase)]
    private static partial Regex IbanPattern();
}

/// <summary>Reveals a full personal value to a user who holds <see cref="Policies.RevealPersonalData"/>, auditing every attempt.</summary>
public sealed class PersonalDataReveal(IAuthorizationService authorization, IAuditLog audit)
{
    /// <summary>
    /// Writes an audit row (who, which kind, the masked value, which ticket) and returns the full value
    /// when the user may reveal it; otherwise audits the refusal and returns the masked value.
    /// </summary>
    public async Task<string> RevealAsync(ClaimsPrincipal user, PersonalDataKind kind, string value, string ticketNumber, CancellationToken ct = default)
    {
        var allowed = (await authorization.AuthorizeAsync(user, Policies.RevealPersonalData)).Succeeded;
        var masked = PersonalData.Mask(kind, value);
        await audit.WriteAsync(AuditEntry.By(user, allowed ? AuditActions.Reveal : AuditActions.RevealDenied,
            $"{kind}:{masked}", ticketNumber), ct);
        return allowed ? value : masked;
    }
}
