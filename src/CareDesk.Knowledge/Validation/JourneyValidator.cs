using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Validation;

/// <summary>Checks case types, their fields and journeys, and the response templates.</summary>
internal static class JourneyValidator
{
    private static readonly string[] FieldKinds =
        ["text", "long-text", "national-id", "iban", "money", "date", "datetime", "digits", "bool", "select", "agency", "channel"];

    private static readonly string[] RaciLetters = ["R", "A", "C", "I"];

    private static readonly string[] TemplateKinds = ["acknowledgement", "resolution", "more-info", "rerouted", "escalated"];

    private static readonly string[] SharedTemplates = ["acknowledgement", "more-info-request", "rerouted"];

    public static void CaseTypes(ProblemSink sink)
    {
        const string file = ReferenceData.CaseTypesFileName;
        var fields = sink.Data.CaseTypes.Fields;
        sink.Duplicates(file, "$.fields", fields, f => f.Code, "field code / رمز الحقل");
        for (var i = 0; i < fields.Count; i++)
        {
            if (!FieldKinds.Contains(fields[i].Kind))
                sink.At(file, $"$.fields[{i}].kind", "bad-field-kind", $"unknown field kind '{fields[i].Kind}' (allowed: {string.Join(", ", FieldKinds)})",
                    $"نوع الحقل '{fields[i].Kind}' غير معروف");
            if (fields[i].Kind == "select" && fields[i].Options.Count == 0)
                sink.At(file, $"$.fields[{i}]", "no-options", $"select field '{fields[i].Code}' has no options", $"حقل الاختيار '{fields[i].Code}' بلا خيارات");
        }

        var caseTypes = sink.Data.CaseTypes.CaseTypes;
        sink.Duplicates(file, "$.case_types", caseTypes, c => c.Code, "case type code / رمز نوع الحالة");
        var topics = sink.Data.Topics.Topics.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < caseTypes.Count; i++)
        {
            var caseType = caseTypes[i];
            var path = $"$.case_types[{i}]";
            for (var j = 0; j < caseType.Topics.Count; j++)
            {
                if (!topics.Contains(caseType.Topics[j]))
                    sink.At(file, $"{path}.topics[{j}]", "unknown-topic", $"unknown topic '{caseType.Topics[j]}'", $"الموضوع '{caseType.Topics[j]}' غير معروف");
            }
            sink.Duplicates(file, $"{path}.fields", caseType.Fields, f => f.Field, "case type field / حقل نوع الحالة");
            for (var j = 0; j < caseType.Fields.Count; j++)
            {
                if (fields.All(f => f.Code != caseType.Fields[j].Field))
                    sink.At(file, $"{path}.fields[{j}].field", "unknown-field", $"unknown field '{caseType.Fields[j].Field}'", $"الحقل '{caseType.Fields[j].Field}' غير معروف");
            }
            if (caseType.Journey.Count == 0)
                sink.At(file, path, "no-journey", $"case type '{caseType.Code}' has no journey stages", $"نوع الحالة '{caseType.Code}' بلا مراحل");
            sink.Duplicates(file, $"{path}.journey", caseType.Journey, s => s.Code, "stage code / رمز المرحلة");
            for (var j = 0; j < caseType.Journey.Count; j++)
                Stage(sink, $"{path}.journey[{j}]", caseType.Code, caseType.Journey[j]);
        }
    }

    private static void Stage(ProblemSink sink, string path, string caseType, JourneyStage stage)
    {
        const string file = ReferenceData.CaseTypesFileName;
        var where = $"{caseType}/{stage.Code}";
        if (string.IsNullOrEmpty(stage.Owner))
            sink.At(file, path, "stage-no-owner", $"journey stage '{where}' has no owner", $"المرحلة '{where}' بلا جهة مالكة");
        else if (sink.Data.FindAgency(stage.Owner) is not { } owner)
            sink.At(file, $"{path}.owner", "unknown-agency", $"stage '{where}' is owned by unknown agency '{stage.Owner}'", $"المرحلة '{where}' تملكها جهة غير معروفة '{stage.Owner}'");
        else if (!owner.Routable)
            sink.At(file, $"{path}.owner", "owner-not-routable", $"stage '{where}' is owned by '{owner.Code}', which has no liaison inbox",
                $"المرحلة '{where}' تملكها '{owner.Code}' وليس لها صندوق ضابط اتصال");

        foreach (var (agency, letter) in stage.Roles)
        {
            SeedValidator.UnknownAgency(sink, file, $"{path}.roles.{agency}", agency);
            if (!RaciLetters.Contains(letter))
                sink.At(file, $"{path}.roles.{agency}", "bad-role", $"role '{letter}' of '{agency}' in stage '{where}' is not one of R, A, C, I",
                    $"الدور '{letter}' للجهة '{agency}' في المرحلة '{where}' ليس من R أو A أو C أو I");
        }
        var accountable = stage.Roles.Count(r => r.Value == "A");
        if (accountable != 1)
            sink.At(file, $"{path}.roles", "accountable-count", $"stage '{where}' needs exactly one accountable (A) agency, found {accountable}",
                $"المرحلة '{where}' تحتاج جهة مساءلة (A) واحدة بالضبط، والموجود {accountable}");
        if (!string.IsNullOrEmpty(stage.Owner) && !(stage.Roles.TryGetValue(stage.Owner, out var ownerRole) && ownerRole is "R" or "A"))
            sink.At(file, $"{path}.roles", "owner-role", $"owner '{stage.Owner}' of stage '{where}' must be R or A in its roles",
                $"الجهة المالكة '{stage.Owner}' للمرحلة '{where}' يجب أن يكون دورها R أو A");

        if ((stage.SlaWorkingDays is null) == (stage.SlaHours is null) || stage.SlaWorkingDays <= 0 || stage.SlaHours <= 0)
            sink.At(file, path, "bad-sla", $"stage '{where}' needs exactly one positive deadline: sla_working_days or sla_hours",
                $"المرحلة '{where}' تحتاج مهلة واحدة موجبة: sla_working_days أو sla_hours");
        else if (stage.SlaWorkingDays > DirectoryRules.SlaWorkingDaysMax || stage.SlaHours > DirectoryRules.SlaHoursMax)
            sink.At(file, path, "sla-too-long",
                $"stage '{where}' may take at most {DirectoryRules.SlaWorkingDaysMax} working days or {DirectoryRules.SlaHoursMax} hours",
                $"المرحلة '{where}' لا تزيد مهلتها على {DirectoryRules.SlaWorkingDaysMax} يوم عمل أو {DirectoryRules.SlaHoursMax} ساعة");
    }

    public static void Templates(ProblemSink sink)
    {
        const string file = ReferenceData.TemplatesFileName;
        var templates = sink.Data.Templates.Templates;
        var declared = sink.Data.Templates.Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        sink.Duplicates(file, "$.templates", templates, t => t.Code, "template code / رمز القالب");
        for (var i = 0; i < templates.Count; i++)
        {
            var t = templates[i];
            var path = $"$.templates[{i}]";
            if (!TemplateKinds.Contains(t.Kind))
                sink.At(file, $"{path}.kind", "bad-template-kind", $"unknown template kind '{t.Kind}'", $"نوع القالب '{t.Kind}' غير معروف");
            if (t.CaseType is not null && sink.Data.FindCaseType(t.CaseType) is null)
                sink.At(file, $"{path}.case_type", "unknown-case-type", $"unknown case type '{t.CaseType}'", $"نوع الحالة '{t.CaseType}' غير معروف");
            var ar = ResponseTemplate.PlaceholdersIn(t.TextAr).ToHashSet(StringComparer.Ordinal);
            var en = ResponseTemplate.PlaceholdersIn(t.TextEn).ToHashSet(StringComparer.Ordinal);
            foreach (var name in ar.Union(en).Where(n => !declared.Contains(n)))
                sink.At(file, path, "unknown-placeholder", $"template '{t.Code}' uses undeclared placeholder {{{name}}}", $"القالب '{t.Code}' يستخدم متغيراً غير معرّف {{{name}}}");
            if (!ar.SetEquals(en))
                sink.At(file, $"{path}.text_en", "placeholder-mismatch", $"template '{t.Code}' uses different placeholders in Arabic and English",
                    $"القالب '{t.Code}' يستخدم متغيرات مختلفة في النصين العربي والإنجليزي");
        }
        foreach (var code in SharedTemplates.Where(c => templates.All(t => t.Code != c)))
            sink.At(file, "$.templates", "missing-template", $"template '{code}' is missing", $"القالب '{code}' مفقود");
        foreach (var caseType in sink.Data.CaseTypes.CaseTypes.Where(c => templates.All(t => t.Kind != "resolution" || t.CaseType != c.Code)))
            sink.At(file, "$.templates", "missing-template", $"case type '{caseType.Code}' has no resolution template", $"نوع الحالة '{caseType.Code}' بلا قالب رد");
    }
}
