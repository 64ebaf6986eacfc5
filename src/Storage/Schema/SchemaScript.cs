using System.Security.Cryptography;
using System.Text;

namespace Lapor.Hub.Storage;

/// <summary>One SQL file of the schema, identified by its file name and recognised by its content hash.</summary>
internal sealed record SchemaScript(string Name, string Sql)
{
    /// <summary>SHA-256 of the text with line endings normalised, so a Windows checkout does not count as an edit.</summary>
    /// <remarks>Computed on access: a stored value would survive <c>with { Sql = … }</c> unchanged.</remarks>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}
