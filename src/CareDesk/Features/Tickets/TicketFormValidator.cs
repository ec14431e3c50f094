using System.Globalization;
using System.Numerics;
using CareDesk.Features.Reference;
using CareDesk.Knowledge.Reference;
using CareDesk.Knowledge.Callers;

namespace CareDesk.Features.Tickets;

/// <summary>A ticket as an agent enters it.</summary>
public sealed record OpenTicket(string CaseType, string CallerNationalId, string? CallerPhone, IReadOnlyDictionary<string, string> Details);

/// <summary>
/// Checks an <see cref="OpenTicket"/> against its case type's fields. Problems are keyed by field
/// code (<c>caller_national_id</c>, <c>caller_phone</c>, <c>case_type</c> or a case field) and name a
/// <c>tickets.error.*</c> text; the ticket is saved only when there are none.
/// </summary>
public sealed class TicketFormValidator(ReferenceSnapshot snapshot, TimeProvider time)
{
    public IReadOnlyDictionary<string, string> Validate(OpenTicket form)
    {
        var reference = snapshot.Current.Data;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var type = reference.FindCaseType(form.CaseType);
        if (type is null)
        {
            errors["case_type"] = "tickets.error.case-type";
            return errors;
        }
        if (IdProblem(form.CallerNationalId) is { } idError)
            errors["caller_national_id"] = idError;
        if (!string.IsNullOrWhiteSpace(form.CallerPhone) && !IsPhone(form.CallerPhone))
            errors["caller_phone"] = "tickets.error.phone";
        var today = DateOnly.FromDateTime(CareDesk.Knowledge.Calendar.SaudiWorkingCalendar.ToRiyadh(time.GetUtcNow()).DateTime);
        foreach (var f in type.Fields)
        {
            form.Details.TryGetValue(f.Field, out var value);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (f.Required)
                    errors[f.Field] = "tickets.error.required";
                continue;
            }
            var field = reference.CaseTypes.Fields.FirstOrDefault(x => x.Code == f.Field);
            if (field is not null && FieldProblem(reference, field, value.Trim(), today) is { } problem)
                errors[f.Field] = problem;
        }
        foreach (var key in form.Details.Keys.Where(k => type.Fields.All(f => f.Field != k) && !string.IsNullOrWhiteSpace(form.Details[k])))
            errors[key] = "tickets.error.unknown-field";
        return errors;
    }

    /// <summary>The case type's fields that have a value, trimmed (what gets stored).</summary>
    public static Dictionary<string, string> Clean(CaseType type, IReadOnlyDictionary<string, string> details) =>
        type.Fields
            .Where(f => details.TryGetValue(f.Field, out var v) && !string.IsNullOrWhiteSpace(v))
            .ToDictionary(f => f.Field, f => Normalize(details[f.Field]), StringComparer.Ordinal);

    /// <summary>Trimmed, with Arabic-Indic and other decimal digits written as ASCII digits.</summary>
    public static string Normalize(string value)
    {
        var chars = value.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiDigit(chars[i]) && CharUnicodeInfo.GetDecimalDigitValue(chars[i]) is var d and >= 0)
                chars[i] = (char)('0' + d);
        }
        return new string(chars);
    }

    /// <summary>An ID or iqama number as stored: its ten ASCII digits when valid, else the trimmed input.</summary>
    public static string NormalizeId(string? value) =>
        NationalId.TryParse(value, out var id, out _) ? id.Value : value?.Trim() ?? "";

    private static string? IdProblem(string? value) =>
        NationalId.TryParse(value, out _, out var problem) ? null : problem!.Code switch
        {
            "empty" => "tickets.error.required",
            "length" or "not-digits" => "tickets.error.id-length",
            "first-digit" => "tickets.error.id-prefix",
            _ => "tickets.error.id-check",
        };

    private static string? FieldProblem(ReferenceData reference, CaseField field, string value, DateOnly today)
    {
        value = Normalize(value);
        switch (field.Kind)
        {
            case "national-id":
                return IdProblem(value);
            case "money":
                return decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                    && amount > 0 && amount < 10_000_000 && decimal.Round(amount, 2) == amount
                    ? null : "tickets.error.amount";
            case "date":
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return "tickets.error.date";
                return date > today ? "tickets.error.future" : null;
            case "datetime":
                if (!DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
                    return "tickets.error.datetime";
                return DateOnly.FromDateTime(moment) > today ? "tickets.error.future" : null;
            case "digits":
                return value.Length <= 30 && value.All(char.IsAsciiDigit) ? null : "tickets.error.digits";
            case "bool":
                return value is "yes" or "no" ? null : "tickets.error.choice";
            case "select":
                return field.Options.Any(o => o.Code == value) ? null : "tickets.error.choice";
            case "channel":
                return reference.Channels.Channels.Any(c => c.Code == value) ? null : "tickets.error.choice";
            case "agency":
                return reference.FindAgency(value) is not null ? null : "tickets.error.choice";
            case "iban":
                return IsSaudiIban(value) ? null : "tickets.error.iban";
            case "long-text":
                return value.Length <= 4000 ? null : "tickets.error.too-long";
            default:
                return value.Length <= 300 ? null : "tickets.error.too-long";
        }
    }

    private static bool IsPhone(string value)
    {
        var digits = new string(Normalize(value).Where(c => c != ' ' && c != '-').ToArray());
        if (digits.StartsWith('+'))
            digits = digits[1..];
        return digits.Length is >= 9 and <= 15 && digits.All(char.IsAsciiDigit);
    }

    /// <summary>SA + 2 check digits + 20 characters, ISO 13616 mod-97 check.</summary>
    internal static bool IsSaudiIban(string value)
    {
        var iban = value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (iban.Length != 24 || !iban.StartsWith("SA", StringComparison.Ordinal) || !iban.All(char.IsAsciiLetterOrDigit))
            return false;
        var rearranged = iban[4..] + iban[..4];
        var numeric = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        return BigInteger.Parse(numeric, CultureInfo.InvariantCulture) % 97 == 1;
    }
}
