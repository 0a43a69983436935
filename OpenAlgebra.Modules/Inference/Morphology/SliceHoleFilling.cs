namespace OpenAlgebra.Modules.Inference.Morphology;

/// <summary>
/// Fills the holes of each label slice by slice: background voxels of a slice that the slice's outside cannot reach
/// without crossing the label (4-connected) take the label. Any hole enclosed in 3D is also enclosed in each of its
/// slices (2D paths are 3D paths), so filling slices fills the 3D holes too.
/// </summary>
internal static class SliceHoleFilling
{
    /// <param name="mask">Indexed <c>(s·sizeB + b)·sizeA + a</c>; only zeros are filled, other labels count as outside.</param>
    public static void Fill(byte[] mask, int sizeA, int sizeB, int sizeS, ReadOnlySpan<byte> labels, CancellationToken cancellationToken)
    {
        var targets = labels.ToArray();
        var plane = sizeA * sizeB;
        Parallel.For(0, sizeS, new ParallelOptions { CancellationToken = cancellationToken }, () => new Scratch(plane), (s, _, scratch) =>
        {
            var slice = mask.AsSpan(s * plane, plane);
            foreach (var label in targets)
            {
                scratch.FillHoles(slice, sizeA, sizeB, label);
            }

            return scratch;
        }, _ => { });
    }

    /// <summary>One worker's flood-fill buffers, sized for a whole slice.</summary>
    private sealed class Scratch(int plane)
    {
        private readonly bool[] _reached = new bool[plane];
        private readonly int[] _stack = new int[plane];

        /// <summary>Floods from the border of the label's bounding box grown by one voxel, which lies outside the label.</summary>
        public void FillHoles(Span<byte> slice, int sizeA, int sizeB, byte label)
        {
            int a0 = sizeA, a1 = -1, b0 = sizeB, b1 = -1;
            for (var b = 0; b < sizeB; b++)
            {
                var row = slice.Slice(b * sizeA, sizeA);
                var first = row.IndexOf(label);
                if (first < 0)
                {
                    continue;
                }

                (a0, a1, b0, b1) = (Math.Min(a0, first), Math.Max(a1, row.LastIndexOf(label)), Math.Min(b0, b), b);
            }

            if (a1 < 0)
            {
                return;
            }

            // Clipped to the slice: where the label touches the slice edge, the edge's background voxels are the outside.
            a0 = Math.Max(0, a0 - 1);
            a1 = Math.Min(sizeA - 1, a1 + 1);
            b0 = Math.Max(0, b0 - 1);
            b1 = Math.Min(sizeB - 1, b1 + 1);
            for (var b = b0; b <= b1; b++)
            {
                _reached.AsSpan((b * sizeA) + a0, a1 - a0 + 1).Clear();
            }

            var top = 0;
            for (var a = a0; a <= a1; a++)
            {
                Push(slice, label, (b0 * sizeA) + a, ref top);
                Push(slice, label, (b1 * sizeA) + a, ref top);
            }

            for (var b = b0; b <= b1; b++)
            {
                Push(slice, label, (b * sizeA) + a0, ref top);
                Push(slice, label, (b * sizeA) + a1, ref top);
            }

            while (top > 0)
            {
                var n = _stack[--top];
                int a = n % sizeA, b = n / sizeA;
                if (a > a0)
                {
                    Push(slice, label, n - 1, ref top);
                }

                if (a < a1)
                {
                    Push(slice, label, n + 1, ref top);
                }

                if (b > b0)
                {
                    Push(slice, label, n - sizeA, ref top);
                }

                if (b < b1)
                {
                    Push(slice, label, n + sizeA, ref top);
                }
            }

            for (var b = b0; b <= b1; b++)
            {
                var row = (b * sizeA) + a0;
                for (var n = row; n <= row + (a1 - a0); n++)
                {
                    if (!_reached[n] && slice[n] == 0)
                    {
                        slice[n] = label;
                    }
                }
            }
        }

        private void Push(Span<byte> slice, byte label, int n, ref int top)
        {
            if (_reached[n] || slice[n] == label)
            {
                return;
            }

            _reached[n] = true;
            _stack[top++] = n;
        }
    }
}
