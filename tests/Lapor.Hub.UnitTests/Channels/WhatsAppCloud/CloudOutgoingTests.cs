using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.WhatsApp.Cloud;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>The Cloud API's documented limits on what the hub sends: buttons, list rows, bodies and template parameters.</summary>
public sealed class CloudOutgoingTests
{
    [Fact]
    public void Reply_buttons_carry_the_choice_values_as_ids_and_titles_of_at_most_20_characters()
    {
        var payload = CloudOutgoing.Buttons("6281234567890", "Kirim laporan?",
            [new Choice("submit", "Kirim"), new Choice("reply:K7QM-X2PD-9R7", "Balas laporan K7QM-X2PD-9R7")]);

        Assert.Equal("interactive", payload["type"]!.GetValue<string>());
        var buttons = payload["interactive"]!["action"]!["buttons"]!.AsArray();
        Assert.Equal(["submit", "reply:K7QM-X2PD-9R7"], buttons.Select(b => b!["reply"]!["id"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.True(b!["reply"]!["title"]!.GetValue<string>().Length <= CloudOutgoing.MaxButtonTitleLength));
        Assert.Equal("Balas laporan K7QM-…", buttons[1]!["reply"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void List_rows_keep_long_labels_whole_in_their_description()
    {
        var choices = Enumerable.Range(1, 10).Select(i => new Choice($"c{i}", $"Pilihan nomor {i} dengan keterangan yang panjang")).ToArray();
        var payload = CloudOutgoing.List("6281234567890", "Pilih kategori", "Pilih", choices);

        var rows = payload["interactive"]!["action"]!["sections"]![0]!["rows"]!.AsArray();
        Assert.Equal(10, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.True(row!["title"]!.GetValue<string>().Length <= CloudOutgoing.MaxRowTitleLength);
            Assert.True(row["description"]!.GetValue<string>().Length <= CloudOutgoing.MaxRowDescriptionLength);
        });
        Assert.Equal("Pilihan nomor 1 dengan keterangan yang panjang", rows[0]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void Template_parameters_are_one_line_without_tabs_or_runs_of_spaces()
    {
        var payload = CloudOutgoing.Template("6281234567890", "lapor_kabar_laporan", "id", ["K7QM-X2PD-9R7", "Baris satu\nbaris\tdua     lima spasi"]);

        var template = payload["template"]!;
        Assert.Equal("lapor_kabar_laporan", template["name"]!.GetValue<string>());
        Assert.Equal("id", template["language"]!["code"]!.GetValue<string>());
        var parameters = template["components"]![0]!["parameters"]!.AsArray();
        Assert.Equal("body", template["components"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Baris satu baris dua lima spasi", parameters[1]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(10, 4096, 1)]
    [InlineData(4096, 4096, 1)]
    [InlineData(4097, 4096, 2)]
    [InlineData(9000, 4096, 3)]
    public void Long_text_is_split_into_parts_within_the_limit(int length, int limit, int parts)
    {
        var words = string.Join(' ', Enumerable.Repeat("kata", length / 5 + 1))[..length];

        var split = CloudOutgoing.Split(words, limit);

        Assert.Equal(parts, split.Count);
        Assert.All(split, part => Assert.InRange(part.Length, 1, limit));
        Assert.Equal(words.Replace(" ", ""), string.Concat(split).Replace(" ", ""));
    }

    [Fact]
    public void More_choices_than_a_list_holds_become_numbered_lines()
    {
        var text = CloudOutgoing.WithNumberedChoices("Pilih:", [.. Enumerable.Range(1, 12).Select(i => new Choice($"c{i}", $"Opsi {i}"))]);

        Assert.StartsWith("Pilih:\n\n1. Opsi 1\n", text, StringComparison.Ordinal);
        Assert.EndsWith("12. Opsi 12", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_photo_goes_as_an_image_and_a_pdf_as_a_document_with_its_name()
    {
        var image = CloudOutgoing.Media("62812", new MediaFile("m1", "image/jpeg", 10), "https://hub/media/m1?grant=g", "keterangan");
        var document = CloudOutgoing.Media("62812", new MediaFile("m2", "application/pdf", 10, "surat.pdf"), "https://hub/media/m2?grant=g", null);

        Assert.Equal("image", image["type"]!.GetValue<string>());
        Assert.Equal("keterangan", image["image"]!["caption"]!.GetValue<string>());
        Assert.Equal("document", document["type"]!.GetValue<string>());
        Assert.Equal("surat.pdf", document["document"]!["filename"]!.GetValue<string>());
        Assert.Null(document["document"]!["caption"]);
    }
}

/// <summary>The settings checked when the hub starts with WhatsApp:Provider = Cloud.</summary>
public sealed class WhatsAppCloudOptionsTests
{
    [Fact]
    public void Complete_settings_have_no_problems() => Assert.Empty(Valid().Problems());

    [Fact]
    public void Missing_secrets_a_phone_number_instead_of_its_id_and_a_bad_url_are_named()
    {
        var options = Valid();
        options.AppSecret = null;
        options.PhoneNumberId = "+62 812 3456 7890";
        options.ApiBaseUrl = "graph.facebook.com";

        var problems = options.Problems();

        Assert.Contains(problems, p => p.Contains("AppSecret", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PhoneNumberId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ApiBaseUrl", StringComparison.Ordinal));
    }

    private static WhatsAppCloudOptions Valid() => new()
    {
        AccessToken = "EAAG-token", AppSecret = "secret", VerifyToken = "verify", PhoneNumberId = "106540352242922",
    };
}
