namespace SlurmSearch.Search.Tpe;

/// <summary>Linear-time selection of the k smallest keys (Hoare's QuickSelect with median-of-three pivots).</summary>
internal static class Selection
{
    /// <summary>
    /// Marks the <paramref name="k"/> rows with the smallest keys; ties are broken by row index so the result is a
    /// deterministic total order (the first k of a stable sort), in expected O(n).
    /// </summary>
    public static bool[] SmallestMask(ReadOnlySpan<double> keys, int k)
    {
        var n = keys.Length;
        var mask = new bool[n];
        if (k <= 0)
        {
            return mask;
        }

        if (k >= n)
        {
            Array.Fill(mask, true);
            return mask;
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        int left = 0, right = n - 1;
        while (left < right)
        {
            var pivot = MedianOfThree(keys, order[left], order[left + ((right - left) / 2)], order[right]);
            int i = left, j = right;
            while (i <= j)
            {
                while (Less(keys, order[i], pivot))
                {
                    i++;
                }

                while (Less(keys, pivot, order[j]))
                {
                    j--;
                }

                if (i <= j)
                {
                    (order[i], order[j]) = (order[j], order[i]);
                    i++;
                    j--;
                }
            }

            // [left, j] ≤ pivot ≤ [i, right]; keep the side that holds position k − 1.
            if (k - 1 <= j)
            {
                right = j;
            }
            else if (k - 1 >= i)
            {
                left = i;
            }
            else
            {
                break;
            }
        }

        for (var i = 0; i < k; i++)
        {
            mask[order[i]] = true;
        }

        return mask;
    }

    private static bool Less(ReadOnlySpan<double> keys, int a, int b) =>
        keys[a] < keys[b] || (keys[a] == keys[b] && a < b);

    private static int MedianOfThree(ReadOnlySpan<double> keys, int a, int b, int c)
    {
        if (Less(keys, b, a))
        {
            (a, b) = (b, a);
        }

        if (Less(keys, c, b))
        {
            (b, c) = (c, b);
            if (Less(keys, b, a))
            {
                (a, b) = (b, a);
            }
        }

        return b;
    }
}
