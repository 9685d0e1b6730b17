namespace ClaimCompare.Core.Claims.Figures.Recognizers;

/// <summary>Scientific notation: "6.02×10²³", "1.5 x 10^6", "10^9", "3e8", "12.32e+14", "-12e-1".</summary>
internal static class ScientificNotationRecognizer
{
    public const int Priority = 3;

    public static void Propose(FigureScan scan)
    {
        for (var i = 0; i < scan.Count; i++)
        {
            if (!scan.IsNumber(i))
            {
                continue;
            }

            if (TryPowerOfTen(scan, i, out var value, out var end) || TryExponent(scan, i, out value, out end))
            {
                var sign = NumeralRecognizer.SignBefore(scan, i);
                var reading = NumberReading.Exact(sign < 0 ? i - 1 : i, end, sign < 0 ? -value : value, 1, NumberForm.Digits | NumberForm.Scientific, Priority);
                reading.Sign = sign;
                if (sign != 0)
                {
                    reading.Form |= NumberForm.Signed;
                }

                scan.NumberCandidates.Add(reading);
                i = end - 1;
            }
        }
    }

    // "6.02×10²³", "1.5 x 10^6", "10^9".
    private static bool TryPowerOfTen(FigureScan scan, int i, out double value, out int end)
    {
        value = 0;
        end = i;
        var mantissa = 1.0;
        var ten = i;
        if (scan.IsPunct(i + 1) && scan.Text[scan.Tokens[i + 1].Start] is '×' or '*' or '·' || (scan.Is(i + 1, "x") && scan.IsNumber(i + 2)))
        {
            mantissa = (double)NumeralRecognizer.ParseDigits(scan.Span(i)).Value;
            ten = i + 2;
        }

        if (!scan.IsNumber(ten) || !scan.Span(ten).SequenceEqual("10"))
        {
            return false;
        }

        var k = ten + 1;
        if (!scan.Glued(ten, k))
        {
            return false;
        }

        var negative = false;
        int exponent;
        if (scan.IsChar(k, '^'))
        {
            k++;
            if (scan.IsPunct(k) && scan.Text[scan.Tokens[k].Start] is '-' or '\u2212' or '+')
            {
                negative = scan.Text[scan.Tokens[k].Start] != '+';
                k++;
            }

            if (!scan.IsNumber(k) || !int.TryParse(scan.Span(k), out exponent))
            {
                return false;
            }

            k++;
        }
        else
        {
            exponent = 0;
            var digits = 0;
            while (k < scan.Count && scan.IsPunct(k) && scan.Glued(k - 1, k) && Superscript(scan.Text[scan.Tokens[k].Start]) is var d && d != -1)
            {
                if (d == -2)
                {
                    negative = true;
                }
                else
                {
                    exponent = (exponent * 10) + d;
                    digits++;
                }

                k++;
            }

            if (digits == 0)
            {
                return false;
            }
        }

        if (exponent > 300)
        {
            return false;
        }

        value = mantissa * Math.Pow(10, negative ? -exponent : exponent);
        end = k;
        return ten > i || exponent > 0;
    }

    // "3e8", "12.32e+14", "1e10".
    private static bool TryExponent(FigureScan scan, int i, out double value, out int end)
    {
        value = 0;
        end = i;
        var e = i + 1;
        if (!scan.IsWord(e) || !scan.Glued(i, e) || !(scan.Span(e) is "e" or "E"))
        {
            return false;
        }

        var k = e + 1;
        var negative = false;
        if (scan.IsPunct(k) && scan.Glued(e, k) && scan.Text[scan.Tokens[k].Start] is '-' or '\u2212' or '+')
        {
            negative = scan.Text[scan.Tokens[k].Start] != '+';
            k++;
        }

        if (!scan.IsNumber(k) || !scan.Glued(k - 1, k) || !int.TryParse(scan.Span(k), out var exponent) || exponent > 300)
        {
            return false;
        }

        var mantissa = (double)NumeralRecognizer.ParseDigits(scan.Span(i)).Value;
        value = mantissa * Math.Pow(10, negative ? -exponent : exponent);
        end = k + 1;
        return true;
    }

    /// <summary>The digit a superscript stands for, -2 for a superscript minus, -1 otherwise.</summary>
    private static int Superscript(char c) => c switch
    {
        '⁰' => 0,
        '¹' => 1,
        '²' => 2,
        '³' => 3,
        '⁴' => 4,
        '⁵' => 5,
        '⁶' => 6,
        '⁷' => 7,
        '⁸' => 8,
        '⁹' => 9,
        '⁻' => -2,
        _ => -1,
    };
}
