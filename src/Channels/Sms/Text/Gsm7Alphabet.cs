namespace Lapor.Hub.Channels.Sms.Text;

/// <summary>The GSM 03.38 default alphabet and its extension table (each extension character is sent as escape + character).</summary>
public static class Gsm7Alphabet
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    public static bool IsBasic(char c) => BasicSet.Contains(c);

    public static bool IsExtension(char c) => ExtensionSet.Contains(c);

    public static bool IsEncodable(char c) => BasicSet.Contains(c) || ExtensionSet.Contains(c);

    public static bool IsEncodable(string text)
    {
        foreach (var c in text)
        {
            if (!IsEncodable(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>1 for the basic table, 2 for the extension table (escape + character). Only for encodable characters.</summary>
    public static int Septets(char c) => ExtensionSet.Contains(c) ? 2 : 1;
}
