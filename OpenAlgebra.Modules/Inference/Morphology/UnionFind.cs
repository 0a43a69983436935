namespace OpenAlgebra.Modules.Inference.Morphology;

/// <summary>Disjoint sets over 0..n−1 with path halving; a union keeps the smaller index as the root, so roots are stable and deterministic.</summary>
internal static class UnionFind
{
    public static void Reset(int[] parent)
    {
        for (var n = 0; n < parent.Length; n++)
        {
            parent[n] = n;
        }
    }

    public static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    public static void Union(int[] parent, int x, int y)
    {
        x = Find(parent, x);
        y = Find(parent, y);
        if (x < y)
        {
            parent[y] = x;
        }
        else if (y < x)
        {
            parent[x] = y;
        }
    }
}
