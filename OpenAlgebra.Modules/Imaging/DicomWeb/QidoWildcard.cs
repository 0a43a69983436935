using System.Text;

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>The '*' and '?' of PS3.4 C.2.2.2.4, matched in memory or turned into a SQL LIKE pattern.</summary>
internal static class QidoWildcard
{
    /// <summary>The escape character of the LIKE patterns made here; SQL must say ESCAPE '\' (SQLite and PostgreSQL both take it).</summary>
    public const char Escape = '\\';

    public static bool HasWildcards(string value) => value.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Whole-value match, ignoring case, with the usual backtracking to the last '*'.</summary>
    public static bool IsMatch(string value, string pattern)
    {
        int v = 0, p = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v])))
            {
                v++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>The pattern for LIKE: '*' → '%', '?' → '_', and a literal '%', '_' or '\' escaped with '\'.</summary>
    public static string ToLike(string pattern)
    {
        var like = new StringBuilder(pattern.Length + 4);
        foreach (var c in pattern)
        {
            switch (c)
            {
                case '*': like.Append('%'); break;
                case '?': like.Append('_'); break;
                case '%' or '_' or Escape: like.Append(Escape).Append(c); break;
                default: like.Append(c); break;
            }
        }

        return like.ToString();
    }

    private static bool Same(char a, char b) => a == b || char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
}
