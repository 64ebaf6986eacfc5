using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lapor.Hub.Tests.Api;

internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Options);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Options) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static object Report(string text = "Sampah menumpuk di depan SD Negeri 3 sudah dua minggu tidak diangkut.", bool secret = false,
        bool anonymous = false, string title = "Sampah tidak diangkut") => new
    {
        text,
        title,
        regionCode = "35.78",
        location = new { lat = -7.2575, lon = 112.7521 },
        isSecret = secret,
        isAnonymous = anonymous,
        channel = "api",
        reporterName = "Siti",
    };
}
