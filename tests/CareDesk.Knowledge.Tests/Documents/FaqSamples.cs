namespace CareDesk.Knowledge.Tests;

/// <summary>FAQ files shared by the document tests.</summary>
internal static class FaqSamples
{
    public const string Body = """
        ## الإجابة المختصرة
        إذا قُبل إلغاء التأشيرة في مساند بعد أكثر من 72 ساعة يُرسل الطلب إلى وزارة الخارجية ويُسترد المبلغ آلياً خلال 15 يوماً.

        ## الخطوات
        1. تأكد من حالة التأشيرة عبر أبشر.
        2. اطلب من المتصل الانتظار 15 يوماً من قبول الإلغاء.
           ثم أعد التحقق من الحالة.
        3. إذا ظهرت الحالة "تم استعادة رسومها" ولم يصل المبلغ افتح تذكرة.

        ## القاعدة
        - **المهلة:** 15 يوماً من قبول الإلغاء.
        - **المسؤول:** وزارة الخارجية.
        - **التصعيد:** بعد 15 يوماً إلى ضابط اتصال وزارة الخارجية.

        ## الرد المعتمد
        > عزيزي العميل، يُسترد المبلغ آلياً خلال 15 يوماً إلى الحساب الذي تم السداد منه.
        """;

    /// <summary>A file in canonical style: parse then write must give it back byte for byte.</summary>
    public static readonly string Canonical =
        "---\n" +
        "id: visa-refund-after-72h\n" +
        "topic: visa-refund-after-72h\n" +
        "title_ar: استرداد رسوم التأشيرة بعد 72 ساعة\n" +
        "title_en: \"Visa fee refund: after 72 hours\"\n" +
        "summary_ar: يُرسل الطلب إلى وزارة الخارجية ويُسترد المبلغ خلال 15 يوماً.\n" +
        "summary_en: The request goes to MOFA; the refund is automatic within 15 days.\n" +
        "keywords: [استرداد رسوم التأشيرة, إلغاء تأشيرة, \"72\", \"a, b\"]\n" +
        "case_types: [visa-fee-refund]\n" +
        "agencies: [MOFA, MOF]\n" +
        "channels: [Musaned, Absher]\n" +
        "sources: [004_28c49192f07a1128.txt]\n" +
        "status: published\n" +
        "review_by: 2027-05-31\n" +
        "---\n" +
        Body + "\n";

    /// <summary>The canonical sample with one front matter line replaced.</summary>
    public static string With(string key, string? line)
    {
        var lines = Canonical.Split('\n').ToList();
        var i = lines.FindIndex(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        if (line is null)
            lines.RemoveAt(i);
        else
            lines[i] = line;
        return string.Join('\n', lines);
    }
}
